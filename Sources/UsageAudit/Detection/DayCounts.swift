/// The counters of one day (or bucket) that detection reads: units, refusals, and whether
/// the units are the requests — 17 bytes where `UsageCounts` has 40, so that a table of
/// every user's days stays small.
struct DayCounts: Equatable, Sendable {
    /// Units consumed.
    var units: Int64 = 0
    /// Requests refused with 429.
    var rejected: Int64 = 0
    /// Whether every day summed had as many units as requests (a cost of 1 per request),
    /// so that sentences can say "requests" instead of "units".
    var unitsAreRequests = true

    init() {}

    init(units: Int64, rejected: Int64, unitsAreRequests: Bool) {
        self.units = units
        self.rejected = rejected
        self.unitsAreRequests = unitsAreRequests
    }

    init(_ counts: UsageCounts) {
        self.init(units: counts.units, rejected: counts.rejected, unitsAreRequests: counts.units == counts.requests)
    }

    /// Whether there was any use: units consumed or requests refused.
    var hasUse: Bool { units > 0 || rejected > 0 }

    /// Adds `other`, saturating at the bounds of `Int64`.
    mutating func merge(_ other: DayCounts) {
        units = UsageCounts.adding(units, other.units)
        rejected = UsageCounts.adding(rejected, other.rejected)
        unitsAreRequests = unitsAreRequests && other.unitsAreRequests
    }
}
