/// One user's demand on one limit over the look-back: per bucket of the limit's period,
/// units served plus the units of the requests refused (429s: demand the limit turned
/// away). A refused request is worth what the user's served requests of its scope cost on
/// average: a unit each where every request costs one, 3 each in a scope of `cost = 3`.
///
/// The look-back is the as-of bucket and `RecommendationRules.lookBack(for:)` complete
/// buckets before it. Buckets that end before the user's history starts are left out:
/// before their first use a user did not exist, so those buckets are not zeros of their
/// demand. Within the history, a bucket without use is a zero.
struct DemandHistory {
    /// One bucket of the look-back.
    struct Bucket {
        var range: DayRange
        var units: Int64
        var rejected: Int64
        /// `units + rejected × refusalCost`, saturating.
        var demand: Int64
        /// The as-of bucket, or one of the buckets just before it (`RecommendationRules.recentBuckets`).
        var isRecent: Bool
    }

    /// The look-back buckets the history reaches, oldest first, the as-of bucket last.
    var buckets: [Bucket]
    /// The first day of the user's history, nil when there is none up to the as-of day.
    var historyStart: LocalDay?
    /// Days from the first day of history to the as-of day (0 without history).
    var historyDays: Int
    /// Look-back buckets before the as-of bucket that the history reaches into.
    var completeBuckets: Int

    /// - Parameters:
    ///   - period: the limit's period, framed as the store frames it.
    ///   - asOfDay: the local day of the audit moment; later days are ignored.
    ///   - historyStart: the user's first day of use of anything (or of the audited data).
    ///   - ranges: `ranges(period:asOfDay:count:)` for the period's look-back, when the
    ///     caller has it already (the same for every user of a period).
    ///   - counts: the user's use of the limit's scope summed over a range of days.
    ///   - pricesRefusals: whether refusals may cost other than a unit each though the
    ///     units were the requests (`all` over scopes of different costs).
    ///   - refusedUnits: the units the refusals of a bucket (second range) stand for, at
    ///     the user's prices over the look-back (first range); asked only when requests
    ///     were refused and a refusal may cost other than one unit: some units were not
    ///     requests, none were served, or `pricesRefusals`. Nil: a unit each.
    init(
        period: Period, asOfDay: LocalDay, historyStart: LocalDay?, ranges: [DayRange]? = nil,
        counts: (DayRange) -> DayCounts, pricesRefusals: Bool = false,
        refusedUnits: (DayRange, DayRange) -> Int64? = { _, _ in nil }
    ) {
        let start = historyStart.flatMap { $0 <= asOfDay ? $0 : nil }
        self.historyStart = start
        historyDays = start.map { Int(asOfDay.number) - Int($0.number) } ?? 0
        let recent = RecommendationRules.recentBuckets(for: period)
        let ranges = ranges ?? Self.ranges(period: period, asOfDay: asOfDay, count: RecommendationRules.lookBack(for: period) + 1)
        var buckets: [Bucket] = []
        buckets.reserveCapacity(ranges.count)
        let horizon = asOfDay.clampedAdding(days: 1)
        var unitsAreRequests = true
        for (index, range) in ranges.enumerated() {
            guard let start, range.end > start else { continue }
            let clipped = DayRange(start: max(range.start, start), end: min(range.end, horizon))
            let counts = counts(clipped)
            unitsAreRequests = unitsAreRequests && counts.unitsAreRequests
            buckets.append(Bucket(
                range: range, units: counts.units, rejected: counts.rejected,
                demand: Saturating.add(max(0, counts.units), max(0, counts.rejected)),
                isRecent: index >= ranges.count - recent))
        }
        // Units per request are known to be 1 where every bucket's units were its requests
        // and some were served, in one scope or scopes of one cost; otherwise (weighted,
        // nothing served at all: a user locked out throughout, or `all` over scopes of
        // different costs) the refusals are priced by `refusedUnits`.
        let served = buckets.contains { $0.units > 0 }
        if pricesRefusals || !unitsAreRequests || !served, let first = buckets.first, let last = buckets.last,
           let start, buckets.contains(where: { $0.rejected > 0 }) {
            let lookBack = DayRange(start: max(first.range.start, start), end: min(last.range.end, horizon))
            for index in buckets.indices where buckets[index].rejected > 0 {
                let range = buckets[index].range
                let clipped = DayRange(start: max(range.start, start), end: min(range.end, horizon))
                guard let refused = refusedUnits(lookBack, clipped) else { continue }
                buckets[index].demand = Saturating.add(max(0, buckets[index].units), max(0, refused))
            }
        }
        self.buckets = buckets
        completeBuckets = max(0, buckets.count - 1)
    }

    /// The as-of bucket and `count − 1` buckets before it, oldest first.
    static func ranges(period: Period, asOfDay: LocalDay, count: Int) -> [DayRange] {
        var range = period.bucket(containing: asOfDay)
        var ranges = [range]
        while ranges.count < count {
            let previous = period.bucket(containing: range.start.clampedAdding(days: -1))
            // At the bounds of `LocalDay` the calendar stops moving: stop too.
            guard previous.start < range.start else { break }
            range = previous
            ranges.append(range)
        }
        return ranges.reversed()
    }

    /// The highest bucket demand (0 without buckets).
    var peak: Int64 { buckets.map(\.demand).max() ?? 0 }

    /// The bucket with the highest demand among `buckets` (the latest on ties).
    static func peakBucket(of buckets: [Bucket]) -> Bucket? {
        buckets.max { $0.demand < $1.demand || ($0.demand == $1.demand && $0.range.start < $1.range.start) }
    }

    /// Requests refused over the look-back, saturating.
    var rejected: Int64 { buckets.reduce(0) { Saturating.add($0, max(0, $1.rejected)) } }

    /// Whether any bucket of the look-back had demand.
    var hasDemand: Bool { buckets.contains { $0.demand > 0 } }

    /// The nearest-rank percentile of bucket demand: the smallest demand that at least
    /// `share` of the buckets stay at or under (0 without buckets).
    func percentile(_ share: Double) -> Int64 {
        let sorted = buckets.map(\.demand).sorted()
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((share * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// The buckets whose demand is at least `threshold`.
    func buckets(reaching threshold: Double) -> [Bucket] {
        buckets.filter { Double($0.demand) >= threshold }
    }
}
