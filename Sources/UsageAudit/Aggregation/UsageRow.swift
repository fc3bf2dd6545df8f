/// Usage of one user in one scope over one bucket of one period: a row of `usage.csv`
/// before limits and formatting are applied.
public struct UsageRow: Hashable, Sendable {
    public var user: String
    /// A scope name, or `all`.
    public var scope: String
    public var period: Period
    public var bucket: DayRange
    public var counts: UsageCounts

    public init(user: String, scope: String, period: Period, bucket: DayRange, counts: UsageCounts) {
        self.user = user
        self.scope = scope
        self.period = period
        self.bucket = bucket
        self.counts = counts
    }
}
