import Foundation

/// Local days, local midnights and RFC 3339 text in one IANA zone, done with Foundation's
/// `Calendar` and `TimeZone` (the test's reference, independent of the tool's zone code).
struct ZoneClock {
    let zone: TimeZone
    private let calendar: Calendar

    init(_ identifier: String) {
        zone = TimeZone(identifier: identifier)!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    /// The local day that holds the moment `time` (seconds since 1970).
    func day(of time: Int64) -> CalendarDay {
        CalendarDay(Date(timeIntervalSince1970: TimeInterval(time)), in: calendar)
    }

    /// The moment `day` starts: local 00:00 (which exists in every zone the tests use).
    func midnight(of day: CalendarDay) -> Int64 {
        let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 0))!
        return Int64(date.timeIntervalSince1970)
    }

    /// The zone's UTC offset at `time`, in seconds.
    func offset(at time: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(time)))
    }

    /// `2026-03-29T00:00:00+01:00`: the moment in local time with the zone's offset then.
    func rfc3339(_ time: Int64) -> String {
        let offset = offset(at: time)
        let parts = CalendarDay.utc.dateComponents(
            [.year, .month, .day, .hour, .minute, .second],
            from: Date(timeIntervalSince1970: TimeInterval(time + Int64(offset))))
        let magnitude = abs(offset)
        let pad = SyntheticRequest.pad
        return "\(pad(parts.year!, 4))-\(pad(parts.month!, 2))-\(pad(parts.day!, 2))T"
            + "\(pad(parts.hour!, 2)):\(pad(parts.minute!, 2)):\(pad(parts.second!, 2))"
            + "\(offset < 0 ? "-" : "+")\(pad(magnitude / 3600, 2)):\(pad(magnitude % 3600 / 60, 2))"
    }

    /// The RFC 3339 text of `day`'s local midnight.
    func rfc3339(_ day: CalendarDay) -> String {
        rfc3339(midnight(of: day))
    }
}
