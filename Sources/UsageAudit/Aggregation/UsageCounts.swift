/// What one user did in one scope over some span: the counters of a usage cell.
///
/// Counts merge exactly: sums for counters, min/max for first and last seen, so merging
/// the counts of two halves of the input gives the counts of the whole.
public struct UsageCounts: Hashable, Sendable, Codable, BitwiseCopyable {
    /// Requests that consumed quota.
    public var requests: Int64 = 0
    /// Units those requests consumed.
    public var units: Int64 = 0
    /// 429 responses: unmet demand.
    public var rejected: Int64 = 0
    /// The earliest and latest request time seen, in epoch seconds.
    public var firstSeen: Int64 = .max
    public var lastSeen: Int64 = .min

    public init() {}

    public init(requests: Int64, units: Int64, rejected: Int64, firstSeen: Int64, lastSeen: Int64) {
        self.requests = requests
        self.units = units
        self.rejected = rejected
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    /// Records one request at `time`.
    @inline(__always)
    public mutating func record(time: Int64, units cost: Int64, consumed: Bool, rejected isRejected: Bool) {
        if consumed {
            requests = Self.adding(requests, 1)
            units = Self.adding(units, cost)
        }
        if isRejected { rejected = Self.adding(rejected, 1) }
        if time < firstSeen { firstSeen = time }
        if time > lastSeen { lastSeen = time }
    }

    /// Adds `other` into these counts.
    public mutating func merge(_ other: UsageCounts) {
        requests = Self.adding(requests, other.requests)
        units = Self.adding(units, other.units)
        rejected = Self.adding(rejected, other.rejected)
        firstSeen = min(firstSeen, other.firstSeen)
        lastSeen = max(lastSeen, other.lastSeen)
    }

    public func merging(_ other: UsageCounts) -> UsageCounts {
        var copy = self
        copy.merge(other)
        return copy
    }

    /// `a + b`, saturating at the bounds of `Int64`: units come from log fields, and a
    /// line may claim `Int64.max` of them; a sum must not trap.
    @inline(__always)
    static func adding(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }
}
