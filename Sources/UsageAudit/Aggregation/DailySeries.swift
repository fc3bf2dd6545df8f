/// One user's daily use of one scope (or of `all`): the series that detection and
/// recommendation read. Days without use are absent from `counts` and read as zero.
public struct DailySeries: Sendable, Equatable {
    public var user: String
    /// A scope name, or `all`.
    public var scope: String
    /// Counts per local day with use.
    public var counts: [LocalDay: UsageCounts]

    public init(user: String, scope: String, counts: [LocalDay: UsageCounts] = [:]) {
        self.user = user
        self.scope = scope
        self.counts = counts
    }

    /// The first day with any use (requests or refusals): before it, the user did not exist
    /// in this scope, so earlier days are not zeros of their history.
    public var firstDay: LocalDay? { counts.keys.min() }

    /// The last day with any use.
    public var lastDay: LocalDay? { counts.keys.max() }

    /// Units consumed on `day` (0 without use).
    public func units(on day: LocalDay) -> Int64 {
        counts[day]?.units ?? 0
    }

    /// Demand on `day`: units served plus requests refused (429s), the use the user wanted.
    public func demand(on day: LocalDay) -> Int64 {
        guard let day = counts[day] else { return 0 }
        return UsageCounts.adding(day.units, day.rejected)
    }

    /// Counts summed over the days of `range`.
    public func counts(in range: DayRange) -> UsageCounts {
        var total = UsageCounts()
        if range.dayCount <= counts.count {
            var day = range.start
            while day < range.end {
                if let counts = counts[day] { total.merge(counts) }
                day = day.adding(days: 1)
            }
        } else {
            for (day, counts) in counts where range.contains(day) { total.merge(counts) }
        }
        return total
    }
}
