/// The pieces of one request time, gathered from one or more fields of a log line.
///
/// A format may log the time in several fields (Apache `%{%Y-%m-%d %H:%M:%S}t` and
/// `%{%z}t`, W3C `date` and `time`); each `TimeLayout.read` adds what its field holds,
/// and `epochSeconds(in:)` turns the whole into an instant. A parser keeps one value and
/// calls `reset()` before each line.
///
/// Rules for turning the pieces into an instant:
/// * A date is required: year with month and day, or year with day of year (`%j`).
///   Missing hour, minute or second count as 0 (`%Y-%m-%d %H:%M` is read as `…:00`).
/// * Hours run 0–23; `24:00:00` is rejected like any other hour 24. A leap second
///   (`:60`) is read as `:59` so that it stays in the minute (and day) it was logged in.
/// * With a UTC offset the wall-clock time is converted with it; else absolute epoch
///   seconds (`%s`, `$msec`) are used when present; else the wall-clock time is read in
///   the calendar's zone.
/// * Instants outside the years 0000–9999 are rejected.
public struct TimeParts: Hashable, Sendable {
    public var year: Int?
    public var month: Int?
    public var day: Int?
    /// Day of the year, 1–366 (`%j`); used when month and day are absent.
    public var dayOfYear: Int?
    public var hour: Int?
    /// Hour on a 12-hour clock, 1–12 (`%I`); used when `hour` is absent.
    public var hour12: Int?
    /// Whether a 12-hour time is after noon (`%p`); absent means AM.
    public var isPM: Bool?
    public var minute: Int?
    public var second: Int?
    /// Seconds east of UTC (`+0200` is 7200).
    public var utcOffset: Int?
    /// Seconds since 1970-01-01T00:00Z, for layouts that log the instant itself.
    public var absoluteSeconds: Int64?

    public init() {}

    /// Forgets every piece, ready for the next line.
    @inline(__always)
    public mutating func reset() {
        self = TimeParts()
    }

    /// The first and last second representable (0000-01-01T00:00:00Z, 9999-12-31T23:59:59Z).
    static let supportedSeconds: ClosedRange<Int64> = -62_167_219_200...253_402_300_799

    /// The instant these pieces name, in seconds since 1970-01-01T00:00Z, or nil when they
    /// are incomplete or name no real time (month 13, February 30, hour 24, offset ±24h).
    public func epochSeconds(in calendar: ZonedCalendar) -> Int64? {
        if let offset = utcOffset, let wallClock = civilDateTime() {
            guard (-86_399...86_399).contains(offset) else { return nil }
            return checked(wallClock.secondsSinceEpochAsUTC - Int64(offset))
        }
        if let absoluteSeconds {
            return checked(absoluteSeconds)
        }
        guard let wallClock = civilDateTime() else { return nil }
        return checked(calendar.epochSeconds(fromLocal: wallClock))
    }

    /// The wall-clock date and time, or nil when the date is missing or a piece is out of range.
    func civilDateTime() -> CivilDateTime? {
        guard let year, (0...9999).contains(year) else { return nil }
        let date: CivilDate
        if let month, let day {
            date = CivilDate(year: year, month: month, day: day)
            guard date.isValid else { return nil }
        } else if let dayOfYear, month == nil, day == nil {
            let length = CivilDate.isLeapYear(year) ? 366 : 365
            guard (1...length).contains(dayOfYear) else { return nil }
            let first = CivilDate(year: year, month: 1, day: 1).daysSinceEpoch
            date = CivilDate(daysSinceEpoch: first + dayOfYear - 1)
        } else {
            return nil
        }
        guard let hour = resolvedHour() else { return nil }
        let minute = self.minute ?? 0
        let second = self.second ?? 0
        guard (0...59).contains(minute), (0...60).contains(second) else { return nil }
        return CivilDateTime(date: date, hour: hour, minute: minute, second: min(second, 59))
    }

    /// The hour on a 24-hour clock, from `hour` or from `hour12` and `isPM`.
    private func resolvedHour() -> Int? {
        if let hour {
            return (0...23).contains(hour) ? hour : nil
        }
        if let hour12 {
            guard (1...12).contains(hour12) else { return nil }
            return hour12 % 12 + (isPM == true ? 12 : 0)
        }
        return 0
    }

    @inline(__always)
    private func checked(_ seconds: Int64) -> Int64? {
        TimeParts.supportedSeconds.contains(seconds) ? seconds : nil
    }
}
