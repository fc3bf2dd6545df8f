/// Lines read on the reading thread of `ParsingAhead`, on their way to the counting
/// thread: each line's bytes (copied, since the reader's buffer moves on) and number, then,
/// once parsed by either thread (`parse(with:record:keepsUnfinishedLine:maximumLineLength:)`),
/// what the parser made of it and, for a parsed line, its record's spans (the fixed ones and
/// the named fields counting reads, not every field of the format). A few flat arrays,
/// reused from batch to batch: filling one allocates nothing once it has grown. A value type
/// that one thread owns at a time (moved through `ParsingAhead`'s ring), so filling it needs
/// no exclusivity checks.
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

    /// Where a line's bytes are in `bytes`, its number, what the reader said of it and what
    /// the parser made of it (`.malformed` until it is parsed).
    private struct LineEntry {
        var start: Int32
        var length: Int32
        var number: Int
        var reading: LineReading
        var outcome: Outcome
    }

    /// The fixed facts of a parsed line's record.
    private struct ParsedFacts {
        var timestamp: Int64
        var status: Int
        var remoteAddress: ByteSpan
        var remoteUser: ByteSpan
        var method: ByteSpan
        var path: ByteSpan
        var query: ByteSpan
    }

    /// The catalog indices of the named fields carried over (the others arrive empty).
    private let carried: [Int]
    private(set) var bytes: [UInt8] = []
    private var lines: [LineEntry] = []
    /// For each malformed line, in order, why.
    private(set) var reasons: [String] = []
    private var facts: [ParsedFacts] = []
    /// Per parsed line, the spans of the carried fields.
    private var carriedSpans: [ByteSpan] = []
    /// Where the line a later run reads the input again from starts, when the batch holds
    /// one (the last line, cut by damage or unterminated).
    private var lastLineOffset: Int64?

    /// An empty batch that holds no buffers (a placeholder while a full one is queued).
    init() {
        carried = []
    }

    init(carrying carried: [Int]) {
        self.carried = carried
        bytes.reserveCapacity(Self.byteCapacity + (64 << 10))
        lines.reserveCapacity(Self.lineCapacity)
        facts.reserveCapacity(Self.lineCapacity)
        carriedSpans.reserveCapacity(Self.lineCapacity * carried.count)
    }

    var count: Int { lines.count }
    var isFull: Bool { bytes.count >= Self.byteCapacity || lines.count >= Self.lineCapacity }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        reasons.removeAll(keepingCapacity: true)
        facts.removeAll(keepingCapacity: true)
        carriedSpans.removeAll(keepingCapacity: true)
        lastLineOffset = nil
    }

    /// Adds a line as the reader handed it out, to be parsed later.
    mutating func append(_ line: InputLine) {
        let reading = LineReading(line)
        if reading == .cutByDamage || reading == .unterminated { lastLineOffset = line.offset }
        lines.append(LineEntry(
            start: Int32(bytes.count), length: Int32(line.bytes.count), number: line.number, reading: reading, outcome: .malformed))
        bytes.append(contentsOf: line.bytes)
    }

    /// Parses every line with `parser`, as the reader left them, in order: outcomes,
    /// reasons and the records' spans (`record` is scratch space), each line's fate decided
    /// by `LineReading.verdict`. Returns where a later run reads the input again from, when
    /// the batch's last line is cut by damage, or unfinished and left for later.
    mutating func parse(with parser: inout TemplateLineParser, record: inout LogRecord, keepsUnfinishedLine: Bool, maximumLineLength: Int)
        -> Int64?
    {
        var resume: Int64?
        // A second reference to the bytes, which parsing does not change: they stay put while
        // the entries are filled in.
        let text = bytes
        text.withUnsafeBufferPointer { all in
            for index in lines.indices {
                let entry = lines[index]
                let line = UnsafeBufferPointer(rebasing: all[Int(entry.start)..<Int(entry.start + entry.length)])
                let verdict = entry.reading.verdict(keepsUnfinishedLine: keepsUnfinishedLine, maximumLineLength: maximumLineLength) {
                    parser.parse(line, into: &record)
                }
                switch verdict {
                case .parsed:
                    lines[index].outcome = .parsed
                    appendFacts(of: &record)
                case .ignored:
                    lines[index].outcome = .ignored
                case .malformed(let reason, let resumesHere):
                    if resumesHere { resume = lastLineOffset }
                    reasons.append(reason)
                }
            }
        }
        return resume
    }

    /// Keeps a parsed line's record (whose spans point into the line). The record is only
    /// read: `inout` passes the record the parser reuses without a copy (and a retain and
    /// release of its fields) per line.
    private mutating func appendFacts(of record: inout LogRecord) {
        facts.append(ParsedFacts(
            timestamp: record.timestamp, status: record.status, remoteAddress: record.remoteAddress,
            remoteUser: record.remoteUser, method: record.method, path: record.path, query: record.query))
        for index in carried {
            carriedSpans.append(index < record.fields.count ? record.fields[index] : .empty)
        }
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
        let stride = carried.count
        bytes.withUnsafeBufferPointer { all in
            for entry in lines {
                let line = UnsafeBufferPointer(rebasing: all[Int(entry.start)..<Int(entry.start + entry.length)])
                switch entry.outcome {
                case .parsed:
                    let fact = facts[parsed]
                    record.text = line
                    record.timestamp = fact.timestamp
                    record.status = fact.status
                    record.remoteAddress = fact.remoteAddress
                    record.remoteUser = fact.remoteUser
                    record.method = fact.method
                    record.path = fact.path
                    record.query = fact.query
                    let base = parsed * stride
                    for (offset, field) in carried.enumerated() where field < record.fields.count {
                        record.fields[field] = carriedSpans[base + offset]
                    }
                    parsed += 1
                    body(line, entry.number, .parsed, nil, &record)
                case .ignored:
                    body(line, entry.number, .ignored, nil, &record)
                case .malformed:
                    let reason = reasons[malformed]
                    malformed += 1
                    body(line, entry.number, .malformed, reason, &record)
                }
            }
        }
    }
}
