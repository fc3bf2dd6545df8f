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

extension Period: CustomStringConvertible {
    public var description: String { name }
}
