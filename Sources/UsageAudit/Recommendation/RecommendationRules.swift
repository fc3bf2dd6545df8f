/// The thresholds of `LimitRecommender`, each named and explained: what "sustained",
/// "one-off", "unused" and "recent" mean in numbers.
///
/// The two tunable shares of the configuration are not here: `analysis.nearLimit`
/// (`detect.near_limit`, 0.9) says when demand is near a limit, `analysis.headroom`
/// (`recommend.headroom`, 1.15) how far above demand a recommended limit goes.
public enum RecommendationRules {
    // MARK: Look-back

    /// Complete `day` buckets looked back on before the as-of day: four weeks, so every
    /// weekday is seen four times and a weekly rhythm does not pass for a trend.
    public static let dayLookBack = 28
    /// Complete `week` buckets looked back on: two months of weeks.
    public static let weekLookBack = 8
    /// Complete buckets looked back on for month-like periods (`month`, `month@D`, `Nd`
    /// windows of 28 days or more, `year`): a quarter of months. Longer would let a need
    /// that has changed linger; shorter would call one quiet month "unused".
    public static let monthLookBack = 3
    /// Days an `Nd` window shorter than 28 days looks back on (in whole windows, at least
    /// `minimumWindowLookBack`): eight weeks, like `week`.
    public static let shortWindowLookBackDays = 56
    /// The fewest windows an `Nd` period looks back on.
    public static let minimumWindowLookBack = 3

    /// Complete buckets before the as-of bucket that the look-back spans for `period`
    /// (the as-of bucket itself is looked at too).
    public static func lookBack(for period: Period) -> Int {
        switch period {
        case .day: return dayLookBack
        case .week: return weekLookBack
        case .month, .year, .billingCycle: return monthLookBack
        case .days(let count, _):
            let length = max(1, count)
            if length == 1 { return dayLookBack }
            if length >= 28 { return monthLookBack }
            return max(minimumWindowLookBack, (shortWindowLookBackDays + length - 1) / length)
        }
    }

    // MARK: raise

    /// The share of the observed look-back buckets whose demand must reach
    /// `nearLimit × limit` for the demand to count as sustained (a quarter: one day in four,
    /// two weeks in eight).
    public static let sustainedShare = 0.25
    /// The fewest near-limit buckets that make sustained demand for `day` periods: three
    /// days, so one bulk job spread over two days is a one-off, not a trend.
    public static let sustainedDays = 3
    /// The fewest near-limit buckets that make sustained demand for longer periods.
    public static let sustainedLongerBuckets = 2

    /// The fewest near-limit buckets that make sustained demand for `period`.
    public static func sustainedMinimum(for period: Period) -> Int {
        if case .day = period { return sustainedDays }
        if case .days(let count, _) = period, count <= 1 { return sustainedDays }
        return sustainedLongerBuckets
    }

    /// The percentile of bucket demand a raise is sized from: high enough to cover nearly
    /// every bucket, low enough that one freak bucket does not set the limit.
    public static let raisePercentile = 0.95
    /// A raise is at least this factor of the current limit: a smaller step would be hit
    /// again within days and cost staff another round.
    public static let minimumRaiseFactor = 1.25

    // MARK: temporary_raise

    /// How many of the latest buckets (the as-of bucket and those just before it) a
    /// one-off must fall in, for `day` periods: the last three days, so that last night's
    /// job is still news in this morning's report.
    public static let recentDays = 3
    /// How many of the latest buckets a one-off must fall in for longer periods: the
    /// current one or the one before (a job at the end of last month, seen on the 1st).
    public static let recentLongerBuckets = 2

    /// How many of the latest buckets count as recent for `period`.
    public static func recentBuckets(for period: Period) -> Int {
        if case .day = period { return recentDays }
        if case .days(let count, _) = period, count <= 1 { return recentDays }
        return recentLongerBuckets
    }

    /// Outside the recent buckets, demand must stay at or under this share of the limit
    /// for a near-limit bucket to be a one-off rather than the start of a trend.
    public static let quietShare = 0.5
    /// The seed guidance (the gazetteer's admin page): "for one-off bulk jobs, double or
    /// triple the default". The first factor tried…
    public static let temporaryFactor: Int64 = 2
    /// …and the largest one given; a job that needs more gets this and a note.
    public static let maximumTemporaryFactor: Int64 = 3

    // MARK: lower / revert_to_default

    /// Days of history (from the user's first use to the as-of day) before a custom limit
    /// may be called unused: four weeks. A newer user has not shown what they need yet.
    public static let minimumHistoryDays = 28
    /// For month-like periods, the complete buckets of history also needed before lowering:
    /// two, so one quiet month after a busy one is not "unused".
    public static let minimumHistoryBuckets = 2
    /// `lower` when the peak demand of the look-back is under this share of a custom limit.
    public static let unusedShare = 0.25
    /// A lowered limit leaves this factor on top of `peak × headroom`: a limit cut to the
    /// bone would refuse the first busy day.
    public static let lowerSlackFactor = 2.0
    /// The smallest limit `lower` recommends (a user with no use at all keeps a little).
    public static let minimumLoweredLimit: Int64 = 100
}
