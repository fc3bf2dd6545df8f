/// Everything counting produces from a set of inputs: daily usage for every period and
/// hourly usage of the last two days. Mergeable like its parts.
public struct CountedUsage: Sendable {
    public var daily: UsageAggregate
    public var hourly: HourlyUsage

    public init(daily: UsageAggregate = UsageAggregate(), hourly: HourlyUsage = HourlyUsage()) {
        self.daily = daily
        self.hourly = hourly
    }

    /// Adds `other` into this usage.
    public mutating func merge(_ other: CountedUsage) {
        daily.merge(other.daily)
        hourly.merge(other.hourly)
    }
}
