import Foundation

/// A date without time or zone (year, month, day), with the arithmetic the expectation
/// needs done by Foundation's Gregorian calendar in UTC: independent of the tool's own
/// calendar code.
struct CalendarDay: Hashable, Comparable, CustomStringConvertible {
    var year: Int
    var month: Int
    var day: Int

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    init(_ year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(_ date: Date, in calendar: Calendar) {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(parts.year!, parts.month!, parts.day!)
    }

    /// Noon UTC of this day (far from any day boundary).
    private var noon: Date {
        Self.utc.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
    }

    /// Days since 1970-01-01.
    var number: Int {
        Int((noon.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    init(number: Int) {
        self.init(Date(timeIntervalSince1970: TimeInterval(number) * 86_400 + 43_200), in: Self.utc)
    }

    /// ISO weekday: Monday 1 … Sunday 7.
    var isoWeekday: Int {
        let weekday = Self.utc.component(.weekday, from: noon) // Sunday 1 … Saturday 7
        return (weekday + 5) % 7 + 1
    }

    func adding(days: Int) -> CalendarDay {
        CalendarDay(Self.utc.date(byAdding: .day, value: days, to: noon)!, in: Self.utc)
    }

    /// The number of days of `month` in `year`.
    static func length(ofMonth month: Int, inYear year: Int) -> Int {
        let first = utc.date(from: DateComponents(year: year, month: month, day: 1, hour: 12))!
        return utc.range(of: .day, in: .month, for: first)!.count
    }

    /// The month `months` after this day's month, as (year, month).
    func month(adding months: Int) -> (year: Int, month: Int) {
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        return (newYear, index - newYear * 12 + 1)
    }

    static func < (left: CalendarDay, right: CalendarDay) -> Bool {
        (left.year, left.month, left.day) < (right.year, right.month, right.day)
    }

    var description: String {
        "\(SyntheticRequest.pad(year, 4))-\(SyntheticRequest.pad(month, 2))-\(SyntheticRequest.pad(day, 2))"
    }
}
