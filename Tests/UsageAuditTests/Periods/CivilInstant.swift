@testable import UsageAudit

/// Instants written as UTC wall-clock times, for tests.
enum CivilInstant {
    /// Seconds since the epoch of a UTC wall-clock time.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Int64 {
        CivilDateTime(date: CivilDate(year: year, month: month, day: day), hour: hour, minute: minute, second: second)
            .secondsSinceEpochAsUTC
    }
}
