/// Lines parsed on the reading thread of `ParsingAhead`, on their way to the counting
/// thread: each line's bytes (copied, since the reader's buffer moves on), number, what
/// the parser made of it and, for a parsed line, its record's spans (the fixed ones and
/// the named fields counting reads, not every field of the format). Struct of arrays,
/// reused from batch to batch: filling one allocates nothing once it has grown. A value
/// type that one thread owns at a time (moved through `ParsingAhead`'s ring), so filling
/// it needs no exclusivity checks.
struct ParsedLineBatch: @unchecked Sendable {
    /// What the parser made of a line.
    enum Outcome: UInt8 {
        case parsed
        case ignored
        case malformed
    }

    /// Bytes of lines beyond this end the batch (a line is never split across batches).
    static let byteCapacity = 1 << 20
    /// Lines beyond this end the batch.
    static let lineCapacity = 8192

    /// The catalog indices of the named fields carried over (the others arrive empty).
    private let carried: [Int]
    private(set) var bytes: [UInt8] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private(set) var numbers: [Int] = []
    private(set) var outcomes: [Outcome] = []
    /// For each malformed line, in order, why.
    private(set) var reasons: [String] = []
    private var timestamps: [Int64] = []
    private var statuses: [Int] = []
    /// Per line: remote address, remote user, method, path, query, then the carried fields.
    private var spans: [ByteSpan] = []

    /// An empty batch that holds no buffers (a placeholder while a full one is queued).
    init() {
        carried = []
    }

    init(carrying carried: [Int]) {
        self.carried = carried
        bytes.reserveCapacity(Self.byteCapacity + (64 << 10))
        starts.reserveCapacity(Self.lineCapacity)
        lengths.reserveCapacity(Self.lineCapacity)
        numbers.reserveCapacity(Self.lineCapacity)
        outcomes.reserveCapacity(Self.lineCapacity)
        timestamps.reserveCapacity(Self.lineCapacity)
        statuses.reserveCapacity(Self.lineCapacity)
        spans.reserveCapacity(Self.lineCapacity * (5 + carried.count))
    }

    var count: Int { numbers.count }
    var isFull: Bool { bytes.count >= Self.byteCapacity || numbers.count >= Self.lineCapacity }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
        outcomes.removeAll(keepingCapacity: true)
        reasons.removeAll(keepingCapacity: true)
        timestamps.removeAll(keepingCapacity: true)
        statuses.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
    }

    /// Adds a line that is not a parsed request (its record is not kept).
    mutating func append(_ line: InputLine, outcome: Outcome, reason: String? = nil) {
        appendLine(line, outcome: outcome)
        if let reason { reasons.append(reason) }
    }

    /// Adds a parsed line with its record (whose spans point into the line).
    mutating func append(_ line: InputLine, record: LogRecord) {
        appendLine(line, outcome: .parsed)
        timestamps.append(record.timestamp)
        statuses.append(record.status)
        spans.append(record.remoteAddress)
        spans.append(record.remoteUser)
        spans.append(record.method)
        spans.append(record.path)
        spans.append(record.query)
        for index in carried {
            spans.append(index < record.fields.count ? record.fields[index] : .empty)
        }
    }

    private mutating func appendLine(_ line: InputLine, outcome: Outcome) {
        starts.append(Int32(bytes.count))
        lengths.append(Int32(line.bytes.count))
        bytes.append(contentsOf: line.bytes)
        numbers.append(line.number)
        outcomes.append(outcome)
    }

    /// Calls `body` for each line in order with its bytes, number and outcome, filling
    /// `record` first for a parsed one (its carried fields; the others are left as they
    /// are), and the reason of a malformed one.
    func forEachLine(
        record: inout LogRecord,
        _ body: (UnsafeBufferPointer<UInt8>, Int, Outcome, String?, inout LogRecord) -> Void
    ) {
        var parsed = 0
        var malformed = 0
        let stride = 5 + carried.count
        bytes.withUnsafeBufferPointer { all in
            for index in numbers.indices {
                let line = UnsafeBufferPointer(rebasing: all[Int(starts[index])..<Int(starts[index] + lengths[index])])
                switch outcomes[index] {
                case .parsed:
                    record.text = line
                    record.timestamp = timestamps[parsed]
                    record.status = statuses[parsed]
                    let base = parsed * stride
                    record.remoteAddress = spans[base]
                    record.remoteUser = spans[base + 1]
                    record.method = spans[base + 2]
                    record.path = spans[base + 3]
                    record.query = spans[base + 4]
                    for (offset, field) in carried.enumerated() where field < record.fields.count {
                        record.fields[field] = spans[base + 5 + offset]
                    }
                    parsed += 1
                    body(line, numbers[index], .parsed, nil, &record)
                case .ignored:
                    body(line, numbers[index], .ignored, nil, &record)
                case .malformed:
                    let reason = reasons[malformed]
                    malformed += 1
                    body(line, numbers[index], .malformed, reason, &record)
                }
            }
        }
    }
}
