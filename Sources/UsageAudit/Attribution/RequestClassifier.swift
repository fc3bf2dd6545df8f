/// Applies `[count]` and `[[scope]]`: whether a request counts, which scope it belongs to,
/// and how many units it costs.
///
/// One per worker (it holds compiled regular expressions and is not thread-safe).
public struct RequestClassifier {
    private struct CompiledScope {
        var prefixes: [[UInt8]]
        var regex: PathRegex?
        var methods: [[UInt8]]
        var cost: Cost
    }

    private enum Cost {
        case constant(Int64)
        case field(Int)
    }

    private let countedPrefixes: [[UInt8]]
    /// The last path normalised, reused while requests of the same path follow each other
    /// (and by `isCounted` and `scope(of:)` asked of one request).
    private let matchedPaths = MatchedPathCache()
    private let scopes: [CompiledScope]
    /// Indexed by status code 0…599 (anything else uses `outcomeOfOtherStatus`).
    private let outcomeByStatus: [RequestOutcome]
    private let outcomeOfOtherStatus: RequestOutcome

    /// The index `scope(of:)` returns for requests that match no rule (`other`).
    public let otherScopeIndex: Int

    /// - Throws: `FormatError.unknownField` for a `cost = "field:NAME"` the format lacks.
    public init(configuration: AuditConfiguration, fields: FieldCatalog) throws(FormatError) {
        countedPrefixes = configuration.count.paths.map { Array($0.utf8) }
        var compiled: [CompiledScope] = []
        for rule in configuration.scopes {
            let cost: Cost
            switch rule.cost {
            case .constant(let units):
                cost = .constant(units)
            case .field(let name):
                guard let index = fields.index(of: name) else { throw .unknownField(name, available: fields.names) }
                cost = .field(index)
            }
            compiled.append(CompiledScope(
                prefixes: rule.paths.map { Array($0.utf8) },
                regex: rule.regex.flatMap { PathRegex($0) },
                methods: rule.methods.map { Array($0.utf8) },
                cost: cost))
        }
        scopes = compiled
        otherScopeIndex = compiled.count
        let count = configuration.count
        outcomeByStatus = (0..<600).map { Self.outcome(status: $0, count: count) }
        outcomeOfOtherStatus = Self.outcome(status: 999, count: count)
    }

    private static func outcome(status: Int, count: CountSettings) -> RequestOutcome {
        let consumes = count.consumes(status: status)
        if status == 429 { return consumes ? .consumed(rejected: true) : .rejected }
        return consumes ? .consumed(rejected: false) : .excluded
    }

    /// Whether the request's path is inside `count.paths`.
    @inline(__always)
    public func isCounted(_ record: LogRecord) -> Bool {
        guard !countedPrefixes.isEmpty else { return true }
        return withMatchedPath(of: record) { path in isCounted(path: path) }
    }

    /// The scope of a request inside `count.paths` (`scope(of:)`), or nil for one outside
    /// them (`isCounted` false): both answers from one look at the path.
    @inline(__always)
    public func countedScope(of record: LogRecord) -> Int? {
        withMatchedPath(of: record) { path in
            guard isCounted(path: path) else { return nil }
            return scope(path: path, method: record.bytes(record.method))
        }
    }

    /// Whether `path`, as the server matched it, is inside `count.paths` (every path is
    /// when it names none).
    @inline(__always)
    private func isCounted(path: UnsafeBufferPointer<UInt8>) -> Bool {
        countedPrefixes.isEmpty || countedPrefixes.contains { Self.hasPrefix(path, $0) }
    }

    /// Calls `body` with the request's path as the server matched it (`RequestPath`).
    @inline(__always)
    private func withMatchedPath<Result>(of record: LogRecord, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        matchedPaths.withMatchedPath(record.bytes(record.path), body)
    }

    /// How the request's status counts.
    @inline(__always)
    public func outcome(of record: LogRecord) -> RequestOutcome {
        record.status >= 0 && record.status < 600 ? outcomeByStatus[record.status] : outcomeOfOtherStatus
    }

    /// The index of the first scope rule that matches, or `otherScopeIndex`. Paths are
    /// matched as the server matched them (`RequestPath`).
    public func scope(of record: LogRecord) -> Int {
        withMatchedPath(of: record) { path in scope(path: path, method: record.bytes(record.method)) }
    }

    private func scope(path: UnsafeBufferPointer<UInt8>, method: UnsafeBufferPointer<UInt8>) -> Int {
        scopes.withUnsafeBufferPointer { scopes in
            for index in scopes.indices {
                if !scopes[index].methods.isEmpty, !scopes[index].methods.contains(where: { Self.equals(method, $0) }) { continue }
                if scopes[index].prefixes.contains(where: { Self.hasPrefix(path, $0) }) { return index }
                if let regex = scopes[index].regex, regex.matches(path) { return index }
            }
            return otherScopeIndex
        }
    }

    /// What a request of scope `scope` costs: the scope's constant, or what its cost field
    /// holds.
    @inline(__always)
    public func cost(of record: LogRecord, scope: Int) -> CostReading {
        guard scope < scopes.count else { return .constant(1) }
        switch scopes[scope].cost {
        case .constant(let units):
            return .constant(units)
        case .field(let index):
            return CostReading.field(record.bytes(record.fields[index]))
        }
    }

    /// The units of `record` in `scope`: 0 for an absent cost field, nil for one that holds
    /// no whole number.
    public func units(of record: LogRecord, scope: Int) -> Int64? {
        let reading = cost(of: record, scope: scope)
        return reading == .unreadable ? nil : reading.units
    }

    @inline(__always)
    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard bytes.count >= prefix.count else { return false }
        guard let base = bytes.baseAddress, !prefix.isEmpty else { return true }
        return prefix.withUnsafeBufferPointer { ByteInterner.equalBytes(base, $0.baseAddress!, $0.count) }
    }

    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Bool {
        bytes.count == other.count && hasPrefix(bytes, other)
    }
}
