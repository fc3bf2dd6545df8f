/// Decides who made a request: tries `identity.from` in order, maps API keys to users,
/// masks unknown keys, and falls back to the client address when configured.
///
/// One per worker: it owns scratch buffers and is not thread-safe.
public struct IdentityResolver: Sendable {
    private enum CompiledSource {
        case user
        case query([UInt8])
        case field(Int)
    }

    private let sources: [CompiledSource]
    private let anonymousAsAddress: Bool
    private let keys: ByteInterner
    /// The user each key maps to, by key id: its bytes in `keyUserNames`.
    private let keyUsers: [Int32]
    private let keyUserNames: ByteInterner
    private var value: [UInt8] = []
    /// A label built for this request (a masked key, `ip:…`).
    private var built: [UInt8] = []
    /// Labels of unmapped keys, hashed once per key.
    private var maskedKeys = MaskedKeyCache()

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
        // The directory's own tables, shared (the resolver only looks keys up).
        keys = directory.keys
        keyUsers = directory.userOfKey
        keyUserNames = directory.userNames
        value.reserveCapacity(256)
        built.reserveCapacity(256)
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
        resolve(record) { resolution, bytes in
            if resolution != .unattributed {
                label.removeAll(keepingCapacity: true)
                label.append(contentsOf: bytes)
            }
            return resolution
        }
    }

    /// Calls `body` with how `record` was attributed and its user label (empty when
    /// unattributed): the bytes of the log line, of the key directory or of a scratch
    /// buffer, valid only during the call, so that attributing copies nothing (hot path).
    @inline(__always)
    public mutating func resolve<Result>(
        _ record: LogRecord, _ body: (Resolution, UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        for index in sources.indices {
            switch sources[index] {
            case .user:
                let user = record.bytes(record.remoteUser)
                if !ASCII.isAbsent(user) { return try body(.identified, user) }
            case .query(let name):
                let query = record.bytes(record.query)
                if let raw = QueryParameter.rawValue(named: name, in: query) {
                    // Undecoded bytes are used as they are; percent-escapes are decoded first.
                    if !raw.contains(0x25) { return try labelForKey(raw, body) }
                    QueryParameter.decode(raw, into: &value)
                    if !value.isEmpty {
                        let decoded = value
                        return try decoded.withUnsafeBufferPointer { try labelForKey($0, body) }
                    }
                }
            case .field(let fieldIndex):
                let field = record.bytes(record.fields[fieldIndex])
                if !ASCII.isAbsent(field) { return try labelForKey(field, body) }
            }
        }
        let address = record.bytes(record.remoteAddress)
        guard anonymousAsAddress, !ASCII.isAbsent(address) else {
            return try body(.unattributed, UnsafeBufferPointer(start: nil, count: 0))
        }
        UserLabel.address(address, into: &built)
        let label = built
        return try label.withUnsafeBufferPointer { try body(.byAddress, $0) }
    }

    /// Calls `body` with the mapped user of `key`, or its masked form.
    @inline(__always)
    private mutating func labelForKey<Result>(
        _ key: UnsafeBufferPointer<UInt8>, _ body: (Resolution, UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        if let id = keys.lookup(key) {
            return try keyUserNames.withBytes(of: keyUsers[Int(id)]) { try body(.identified, $0) }
        }
        return try maskedKeys.withLabel(of: key) { try body(.identified, $0) }
    }
}
