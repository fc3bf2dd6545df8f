/// How usage is bucketed for a quota: calendar periods, windows of N days, or monthly
/// billing cycles. Every bucket is a range of local days (see `bucket(containing:)`).
public enum Period: Hashable, Sendable {
    /// One local day.
    case day
    /// An ISO week, Monday to Sunday.
    case week
    /// A calendar month.
    case month
    /// A calendar year.
    case year
    /// Consecutive windows of `count` days, one of which starts on `anchor`.
    /// A count below 1 is read as 1.
    case days(Int, anchor: LocalDay)
    /// Billing cycles starting on `day` (1–31) of each month, clamped to the month's
    /// length (31 → February 28/29, April 30). A day outside 1–31 is clamped into it.
    case billingCycle(day: Int)

    /// The longest window `Nd` may ask for (100 years).
    public static let maximumDayCount = 36_525

    /// The period as the configuration writes it: `day`, `week`, `month`, `year`, `30d`,
    /// `month@31`. A bare number of days is named `7d`.
    public var name: String {
        switch self {
        case .day: return "day"
        case .week: return "week"
        case .month: return "month"
        case .year: return "year"
        case .days(let count, _): return "\(count)d"
        case .billingCycle(let day): return "month@\(day)"
        }
    }
}

extension Period {
    /// Whether buckets are windows of N days from an anchor (`30d`), not calendar periods.
    public var isDayWindow: Bool {
        if case .days = self { return true }
        return false
    }

    /// Whether buckets are months, calendar (`month`) or billing cycles (`month@15`): one
    /// monthly counter framed either way.
    public var isMonthly: Bool {
        switch self {
        case .month, .billingCycle: return true
        default: return false
        }
    }

    /// Whether `other` cuts the days into the same buckets: equal, or `Nd` windows whose
    /// anchors lie a whole number of windows apart.
    public func hasSameBuckets(as other: Period) -> Bool {
        guard case let (.days(count, anchor), .days(otherCount, otherAnchor)) = (self, other) else { return self == other }
        let length = max(1, count)
        guard length == max(1, otherCount) else { return false }
        return (Int(anchor.number) - Int(otherAnchor.number)) % length == 0
    }

    /// Whether `other` cuts the days into the same buckets under another name too: `day`
    /// and `1d`, `week` and `7d` from a Monday, `month` and `month@1`, `Nd` windows a whole
    /// number of windows apart.
    public func cutsDaysAlike(_ other: Period) -> Bool {
        switch (self, other) {
        case (.day, .days(let count, _)), (.days(let count, _), .day): return max(1, count) == 1
        case (.week, .days(let count, let anchor)), (.days(let count, let anchor), .week):
            // Day 0, 1970-01-01, was a Thursday: Mondays are days 4, 11, …
            return count == 7 && (Int(anchor.number) - 4) % 7 == 0
        case (.month, .billingCycle(let day)), (.billingCycle(let day), .month): return min(max(day, 1), 31) == 1
        default: return hasSameBuckets(as: other)
        }
    }

    /// Whether `other` has the same `name` (`30d` whatever the anchor), without building
    /// the names.
    public func hasSameName(as other: Period) -> Bool {
        switch (self, other) {
        case (.day, .day), (.week, .week), (.month, .month), (.year, .year): return true
        case let (.days(count, _), .days(otherCount, _)): return count == otherCount
        case let (.billingCycle(day), .billingCycle(otherDay)): return day == otherDay
        default: return false
        }
    }
}

extension Period: CustomStringConvertible {
    public var description: String { name }
}
