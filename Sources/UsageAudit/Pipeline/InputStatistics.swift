/// What was read from one input: the per-file part of `summary.json`.
public struct InputStatistics: Hashable, Sendable {
    /// How many malformed lines are quoted per input.
    public static let sampleLimit = 5

    public var path: String
    /// Bytes read from the file (compressed bytes for gzip).
    public var bytes: Int64 = 0
    public var lines: Int64 = 0
    public var parsed: Int64 = 0
    public var malformed: Int64 = 0
    /// Lines that belong to the format but are no request (W3C headers, blank lines).
    public var ignored: Int64 = 0
    /// Requests no identity source attributed (skipped, or counted as `ip:…`).
    public var unattributed: Int64 = 0
    /// Requests outside `count.paths` or of a status that does not count.
    public var excluded: Int64 = 0
    /// Requests whose cost field (`cost = "field:NAME"`) held something that is not a whole
    /// number (`2.5`, `-3`, `3, 4` from a retried upstream): counted with 0 units.
    public var unreadableCosts: Int64 = 0
    /// The scopes (bit `1 << index`, the first 64) whose cost field was in some request, and
    /// those whose cost field was absent from some: a scope only in the second has a
    /// misnamed field.
    public var scopesWithCostField: UInt64 = 0
    public var scopesWithoutCostField: UInt64 = 0
    /// Requests that consumed quota, their units, and 429s.
    public var requests: Int64 = 0
    public var units: Int64 = 0
    public var rejected: Int64 = 0
    /// The earliest and latest request time, in epoch seconds.
    public var first: Int64?
    public var last: Int64?
    /// The damage found (truncated or corrupt gzip), or nil.
    public var error: String?
    public var malformedSamples: [MalformedSample] = []
    /// How the input relates to what the state store counted before.
    public var content: ContentStatus = .untracked
    /// Decoded bytes at its start that an earlier run counted (skipped by this one).
    public var skippedBytes: Int64 = 0

    public init(path: String) {
        self.path = path
    }

    /// Notes a malformed line, quoting the first few.
    mutating func recordMalformed(line: Int, bytes: UnsafeBufferPointer<UInt8>, reason: String, redactor: SecretRedactor) {
        malformed += 1
        if malformedSamples.count < Self.sampleLimit {
            malformedSamples.append(MalformedSample(file: path, line: line, bytes: bytes, reason: reason, redactor: redactor))
        }
    }

    @inline(__always)
    mutating func recordTime(_ time: Int64) {
        if first.map({ time < $0 }) ?? true { first = time }
        if last.map({ time > $0 }) ?? true { last = time }
    }

    /// Adds the counters of `other` (for run totals; path, samples and error are kept).
    public mutating func accumulate(_ other: InputStatistics) {
        // Saturating: a run's inputs are logs, but also partials, whose counts come from files.
        bytes = UsageCounts.adding(bytes, other.bytes)
        lines = UsageCounts.adding(lines, other.lines)
        parsed = UsageCounts.adding(parsed, other.parsed)
        malformed = UsageCounts.adding(malformed, other.malformed)
        ignored = UsageCounts.adding(ignored, other.ignored)
        unattributed = UsageCounts.adding(unattributed, other.unattributed)
        excluded = UsageCounts.adding(excluded, other.excluded)
        requests = UsageCounts.adding(requests, other.requests)
        units = UsageCounts.adding(units, other.units)
        rejected = UsageCounts.adding(rejected, other.rejected)
        unreadableCosts = UsageCounts.adding(unreadableCosts, other.unreadableCosts)
        scopesWithCostField |= other.scopesWithCostField
        scopesWithoutCostField |= other.scopesWithoutCostField
        if let time = other.first { recordTime(time) }
        if let time = other.last { recordTime(time) }
    }
}
