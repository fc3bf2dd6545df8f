/// Whether one day's use was concentrated in a single local hour (`burst`): a bulk job or a
/// runaway client, judged from the hourly usage of the last hours of the input.
///
/// Hours are the slots of `HourlyUsage`, which follow the local hours of the audit's zone;
/// a DST day has 23 or 25 of them. Only the hours the hourly usage covers are looked at,
/// but the share is taken of the whole day's units (from the daily counts), so a partly
/// covered day can only under-report.
struct BurstTest: Sendable {
    /// Days with fewer units are not judged: 150 of 200 requests in one hour is a person
    /// at work, not a burst worth a finding.
    static let minimumUnits: Int64 = 200
    /// At least 60 % of the day in one hour (14× an even spread over 24 hours): a daily
    /// cron job that does all of its work at once, or a bulk job, not office hours.
    static let minimumShare = 0.6

    /// The busiest hour of a day, when it makes the day a burst.
    struct Verdict: Equatable, Sendable {
        /// Index of the hour among the slots looked at.
        var hour: Int
        /// Units in that hour.
        var units: Int64
    }

    /// The verdict for a day of `dayUnits` whose covered hours had `hours` units each.
    static func judge(dayUnits: Int64, hours: [Int64]) -> Verdict? {
        guard dayUnits >= minimumUnits, !hours.isEmpty else { return nil }
        var busiest = 0
        for index in hours.indices where hours[index] > hours[busiest] { busiest = index }
        let units = min(hours[busiest], dayUnits)
        guard Double(units) >= minimumShare * Double(dayUnits) else { return nil }
        return Verdict(hour: busiest, units: units)
    }

    /// `72% of the day's 1,900 requests between 03:00 and 04:00 (1,368 in that hour; an
    /// even spread would be 79 an hour)`; on a day cut at the audit moment the spread is over
    /// the hours up to it (`an even spread over the 10 hours to 09:47 would be 54 an hour`).
    /// - Parameters:
    ///   - hours: the day's hours, or those up to `cutAt`.
    ///   - cutAt: the audit moment when it falls inside the day.
    static func detail(
        verdict: Verdict, day: DayCounts, hourStart: Int64, hours: Int, cutAt: Int64? = nil, calendar: ZonedCalendar
    ) -> String {
        let share = AnomalyText.percent(verdict.units, of: day.units)
        let from = AnomalyText.clock(hourStart, calendar: calendar)
        let to = AnomalyText.clock(hourStart + HourlyUsage.slotSeconds, calendar: calendar)
        let spread = cutAt.map { " over the \(hours) hour\(hours == 1 ? "" : "s") to \(AnomalyText.clock($0, calendar: calendar))" } ?? ""
        return "\(share) of the day's \(AnomalyText.quantity(day.units, requests: day.unitsAreRequests))"
            + " between \(from) and \(to) (\(AnomalyText.count(verdict.units)) in that hour;"
            + " an even spread\(spread) would be \(AnomalyText.amount(evenSpread(day.units, hours: hours))) an hour)"
    }

    /// Units an hour if `units` were spread evenly over `hours`.
    static func evenSpread(_ units: Int64, hours: Int) -> Double {
        Double(units) / Double(max(1, hours))
    }
}
