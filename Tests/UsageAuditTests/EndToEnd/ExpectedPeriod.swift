/// A quota period as DESIGN §3 defines it, computed independently of the tool: which
/// local days a bucket spans.
enum ExpectedPeriod: Hashable {
    case day
    case week
    case month
    /// `month@D`: cycles from day D of each month, clamped to the month's length.
    case billingCycle(Int)
    /// `Nd` with the default anchor 1970-01-01.
    case days(Int)

    /// As the configuration and the `period` column write it.
    var name: String {
        switch self {
        case .day: return "day"
        case .week: return "week"
        case .month: return "month"
        case .billingCycle(let day): return "month@\(day)"
        case .days(let count): return "\(count)d"
        }
    }

    /// The bucket holding `day`: its first day and the first day of the next bucket.
    func bucket(containing day: CalendarDay) -> (start: CalendarDay, end: CalendarDay) {
        switch self {
        case .day:
            return (day, day.adding(days: 1))
        case .week:
            let monday = day.adding(days: 1 - day.isoWeekday)
            return (monday, monday.adding(days: 7))
        case .month:
            let next = day.month(adding: 1)
            return (CalendarDay(day.year, day.month, 1), CalendarDay(next.year, next.month, 1))
        case .billingCycle(let cycleDay):
            // Each cycle start is day D of its own month, clamped: never stepped from the previous one.
            func start(monthsFrom offset: Int) -> CalendarDay {
                let (year, month) = day.month(adding: offset)
                return CalendarDay(year, month, min(cycleDay, CalendarDay.length(ofMonth: month, inYear: year)))
            }
            let thisMonth = start(monthsFrom: 0)
            return day >= thisMonth ? (thisMonth, start(monthsFrom: 1)) : (start(monthsFrom: -1), thisMonth)
        case .days(let count):
            let number = day.number
            let first = number >= 0 ? number / count * count : -((-number + count - 1) / count) * count
            return (CalendarDay(number: first), CalendarDay(number: first + count))
        }
    }
}
