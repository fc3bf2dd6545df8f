/// Decides who made a request: tries `identity.from` in order, maps API keys to users,
/// masks unknown keys, and falls back to the client address when configured.
///
/// One per worker: it owns scratch buffers and is not thread-safe.
public struct IdentityResolver {
    private enum CompiledSource {
        case user
        case query([UInt8])
        case field(Int)
    }

    private let sources: [CompiledSource]
    private let anonymousAsAddress: Bool
    private var keys: ByteInterner
    private let keyUsers: [[UInt8]]
    private var value: [UInt8] = []

    /// - Throws: `FormatError.unknownField` when a `field:NAME` source is not in the log format.
    public init(settings: IdentitySettings, keys directory: KeyDirectory, fields: FieldCatalog) throws(FormatError) {
        var compiled: [CompiledSource] = []
        for source in settings.sources {
            switch source {
            case .user:
                compiled.append(.user)
            case .query(let name):
                compiled.append(.query(Array(name.utf8)))
            case .field(let name):
                guard let index = fields.index(of: name) else { throw .unknownField(name, available: fields.names) }
                compiled.append(.field(index))
            }
        }
        sources = compiled
        anonymousAsAddress = settings.anonymous == .ip
        var interner = ByteInterner(capacity: directory.users.count)
        var users: [[UInt8]] = []
        for (key, user) in directory.users.sorted(by: { $0.key < $1.key }) {
            _ = interner.intern(key)
            users.append(Array(user.utf8))
        }
        keys = interner
        keyUsers = users
        value.reserveCapacity(256)
    }

    /// How a request was attributed.
    public enum Resolution: Equatable, Sendable {
        /// A source named the user (or a key that maps or is masked).
        case identified
        /// No source did; the label is `ip:ADDRESS` (`anonymous = "ip"`).
        case byAddress
        /// No source did and the request is skipped; the label is untouched.
        case unattributed
    }

    /// Writes the user label of `record` into `label` and says how it was found.
    public mutating func resolve(_ record: LogRecord, into label: inout [UInt8]) -> Resolution {
        for source in sources {
            switch source {
            case .user:
                let user = record.bytes(record.remoteUser)
                if !ASCII.isAbsent(user) {
                    label.removeAll(keepingCapacity: true)
                    label.append(contentsOf: user)
                    return .identified
                }
            case .query(let name):
                if QueryParameter.value(named: name, in: record.bytes(record.query), into: &value) {
                    labelForKey(into: &label)
                    return .identified
                }
            case .field(let index):
                let field = record.bytes(record.fields[index])
                if !ASCII.isAbsent(field) {
                    value.removeAll(keepingCapacity: true)
                    value.append(contentsOf: field)
                    labelForKey(into: &label)
                    return .identified
                }
            }
        }
        let address = record.bytes(record.remoteAddress)
        guard anonymousAsAddress, !ASCII.isAbsent(address) else { return .unattributed }
        UserLabel.address(address, into: &label)
        return .byAddress
    }

    /// The mapped user of the key in `value`, or its masked form.
    private mutating func labelForKey(into label: inout [UInt8]) {
        let id = value.withUnsafeBufferPointer { keys.lookup($0) }
        if let id {
            label.removeAll(keepingCapacity: true)
            label.append(contentsOf: keyUsers[Int(id)])
        } else {
            value.withUnsafeBufferPointer { UserLabel.maskedKey($0, into: &label) }
        }
    }
}
