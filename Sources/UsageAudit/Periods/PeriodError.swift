/// A period in the configuration that cannot be used, with the spellings that can.
public enum PeriodError: Error, Equatable, Sendable {
    /// Not one of the spellings `Period(parsing:)` accepts.
    case unknownPeriod(String)
    /// `Nd` (or a bare number) with N below 1 or above `Period.maximumDayCount`.
    case invalidDayCount(String)
    /// `month@D` with D outside 1…31.
    case invalidBillingDay(String)
}

extension PeriodError: CustomStringConvertible {
    /// The accepted spellings, shown in every message.
    static let accepted = "day, week, month, year, Nd for windows of N days (e.g. 30d, or a bare 30), "
        + "or month@D for billing cycles starting on day D of each month (D from 1 to 31, e.g. month@15)"

    public var description: String {
        switch self {
        case .unknownPeriod(let text):
            return "unknown period '\(text)': use \(PeriodError.accepted)"
        case .invalidDayCount(let text):
            return "period '\(text)' needs a number of days from 1 to \(Period.maximumDayCount): use \(PeriodError.accepted)"
        case .invalidBillingDay(let text):
            return "period '\(text)' needs a billing day from 1 to 31 (31 means the last day of shorter months): "
                + "use \(PeriodError.accepted)"
        }
    }
}
