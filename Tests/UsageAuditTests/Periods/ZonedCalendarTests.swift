import Foundation
import Testing
@testable import UsageAudit

@Suite struct ZonedCalendarTests {
    private func calendar(_ identifier: String) -> ZonedCalendar {
        ZonedCalendar(timeZone: TimeZone(identifier: identifier)!)
    }

    private func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDay {
        LocalDay(CivilDate(year: year, month: month, day: day))
    }

    /// The length in hours of `date`'s local day.
    private func hours(of date: LocalDay, in calendar: ZonedCalendar) -> Int64 {
        (calendar.startOfDay(date.adding(days: 1)) - calendar.startOfDay(date)) / 3600
    }

    @Test func dstDaysHaveTwentyThreeAndTwentyFiveHours() {
        let berlin = calendar("Europe/Berlin")
        #expect(hours(of: day(2026, 3, 29), in: berlin) == 23)
        #expect(hours(of: day(2026, 10, 25), in: berlin) == 25)
        #expect(hours(of: day(2026, 10, 26), in: berlin) == 24)
        #expect(berlin.startOfDay(day(2026, 3, 29)) == CivilInstant.utc(2026, 3, 28, 23))
        #expect(berlin.startOfDay(day(2026, 3, 30)) == CivilInstant.utc(2026, 3, 29, 22))
        let newYork = calendar("America/New_York")
        #expect(hours(of: day(2026, 3, 8), in: newYork) == 23)
        #expect(hours(of: day(2026, 11, 1), in: newYork) == 25)
        #expect(newYork.startOfDay(day(2026, 1, 25)) == CivilInstant.utc(2026, 1, 25, 5))
        #expect(newYork.startOfDay(day(2026, 7, 25)) == CivilInstant.utc(2026, 7, 25, 4))
    }

    @Test func localDaysChangeAtLocalMidnight() {
        let berlin = calendar("Europe/Berlin")
        #expect(berlin.localDay(containing: CivilInstant.utc(2026, 3, 28, 22, 59, 59)) == day(2026, 3, 28))
        #expect(berlin.localDay(containing: CivilInstant.utc(2026, 3, 28, 23)) == day(2026, 3, 29))
        #expect(berlin.localDay(containing: CivilInstant.utc(2026, 3, 29, 21, 59, 59)) == day(2026, 3, 29))
        #expect(berlin.localDay(containing: CivilInstant.utc(2026, 3, 29, 22)) == day(2026, 3, 30))
        #expect(berlin.localDay(containing: CivilInstant.utc(2026, 10, 25, 22, 59, 59)) == day(2026, 10, 25))
        #expect(berlin.localDay(containing: CivilInstant.utc(2026, 10, 25, 23)) == day(2026, 10, 26))
    }

    @Test func daysWhoseMidnightFallsInAGapStartAfterIt() {
        // America/Santiago springs forward from 00:00 -04 to 01:00 -03.
        let santiago = calendar("America/Santiago")
        #expect(santiago.startOfDay(day(2026, 9, 6)) == CivilInstant.utc(2026, 9, 6, 4))
        #expect(santiago.rfc3339(santiago.startOfDay(day(2026, 9, 6))) == "2026-09-06T01:00:00-03:00")
        #expect(hours(of: day(2026, 9, 6), in: santiago) == 23)
        #expect(santiago.localDay(containing: CivilInstant.utc(2026, 9, 6, 3, 59, 59)) == day(2026, 9, 5))
        #expect(santiago.localDay(containing: CivilInstant.utc(2026, 9, 6, 4)) == day(2026, 9, 6))
        // America/Havana does the same at 00:00 -05.
        let havana = calendar("America/Havana")
        #expect(havana.startOfDay(day(2020, 3, 8)) == CivilInstant.utc(2020, 3, 8, 5))
        #expect(havana.rfc3339(CivilInstant.utc(2020, 3, 8, 5)) == "2020-03-08T01:00:00-04:00")
    }

    @Test func daysAfterAMidnightFallBackStartAtTheSecondMidnight() {
        // Asia/Beirut falls back from 00:00 +03 to 23:00 +02: 2020-10-24 has 25 hours.
        let beirut = calendar("Asia/Beirut")
        #expect(beirut.startOfDay(day(2020, 10, 25)) == CivilInstant.utc(2020, 10, 24, 22))
        #expect(beirut.localDay(containing: CivilInstant.utc(2020, 10, 24, 21, 30)) == day(2020, 10, 24))
        #expect(hours(of: day(2020, 10, 24), in: beirut) == 25)
    }

    @Test func aSkippedDayStartsWhereTheNextOneDoes() {
        // Pacific/Apia moved across the date line: 2011-12-30 never happened there.
        let apia = calendar("Pacific/Apia")
        #expect(apia.startOfDay(day(2011, 12, 30)) == apia.startOfDay(day(2011, 12, 31)))
        #expect(apia.localDay(containing: CivilInstant.utc(2011, 12, 30, 9, 59, 59)) == day(2011, 12, 29))
        #expect(apia.localDay(containing: CivilInstant.utc(2011, 12, 30, 10)) == day(2011, 12, 31))
    }

    @Test func readsWallClockTimesAroundTransitions() {
        let berlin = calendar("Europe/Berlin")
        func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> CivilDateTime {
            CivilDateTime(date: CivilDate(year: year, month: month, day: day), hour: hour, minute: minute, second: 0)
        }
        #expect(berlin.epochSeconds(fromLocal: local(2026, 1, 25, 12)) == CivilInstant.utc(2026, 1, 25, 11))
        #expect(berlin.epochSeconds(fromLocal: local(2026, 7, 25, 12)) == CivilInstant.utc(2026, 7, 25, 10))
        // In the gap, the offset before it (+01:00).
        #expect(berlin.epochSeconds(fromLocal: local(2026, 3, 29, 2, 30)) == CivilInstant.utc(2026, 3, 29, 1, 30))
        #expect(berlin.epochSeconds(fromLocal: local(2026, 3, 29, 3)) == CivilInstant.utc(2026, 3, 29, 1))
        // In the repeated hour, the earlier instant (+02:00).
        #expect(berlin.epochSeconds(fromLocal: local(2026, 10, 25, 2, 30)) == CivilInstant.utc(2026, 10, 25, 0, 30))
        #expect(berlin.epochSeconds(fromLocal: local(2026, 10, 25, 3)) == CivilInstant.utc(2026, 10, 25, 2))
        let newYork = calendar("America/New_York")
        #expect(newYork.epochSeconds(fromLocal: local(2026, 3, 8, 2, 30)) == CivilInstant.utc(2026, 3, 8, 7, 30))
        #expect(newYork.epochSeconds(fromLocal: local(2026, 11, 1, 1, 30)) == CivilInstant.utc(2026, 11, 1, 5, 30))
        #expect(newYork.epochSeconds(fromLocal: local(2026, 11, 1, 2, 30)) == CivilInstant.utc(2026, 11, 1, 7, 30))
    }

    @Test func handlesUTCAndNegativeEpochs() {
        let utcCalendar = calendar("UTC")
        #expect(utcCalendar.localDay(containing: 0) == LocalDay(number: 0))
        #expect(utcCalendar.localDay(containing: -1) == LocalDay(number: -1))
        #expect(utcCalendar.localDay(containing: -86_400) == LocalDay(number: -1))
        #expect(utcCalendar.localDay(containing: -86_401) == LocalDay(number: -2))
        #expect(utcCalendar.startOfDay(LocalDay(number: -1)) == -86_400)
        #expect(utcCalendar.startOfDay(day(2026, 1, 25)) == CivilInstant.utc(2026, 1, 25))
        #expect(utcCalendar.utcOffset(at: CivilInstant.utc(2026, 7, 1)) == 0)
        let berlin = calendar("Europe/Berlin")
        #expect(berlin.localDay(containing: -3600) == LocalDay(number: 0))
        #expect(berlin.localDay(containing: -3601) == LocalDay(number: -1))
        #expect(berlin.startOfDay(LocalDay(number: 0)) == -3600)
    }

    @Test func writesRFC3339() {
        let berlin = calendar("Europe/Berlin")
        #expect(berlin.rfc3339(CivilInstant.utc(2026, 3, 28, 23)) == "2026-03-29T00:00:00+01:00")
        #expect(berlin.rfc3339(CivilInstant.utc(2026, 3, 29, 1)) == "2026-03-29T03:00:00+02:00")
        #expect(calendar("America/New_York").rfc3339(CivilInstant.utc(2026, 11, 1, 6)) == "2026-11-01T01:00:00-05:00")
        #expect(calendar("UTC").rfc3339(-1) == "1969-12-31T23:59:59+00:00")
        #expect(calendar("Asia/Kolkata").rfc3339(0) == "1970-01-01T05:30:00+05:30")
        #expect(calendar("America/St_Johns").rfc3339(CivilInstant.utc(2026, 1, 25, 12, 5, 9)) == "2026-01-25T08:35:09-03:30")
    }

    @Test func extremeInputsDoNotTrap() {
        for identifier in ["UTC", "Europe/Berlin", "Pacific/Kiritimati"] {
            let zoned = calendar(identifier)
            for instant in [Int64.min, Int64.max, Int64.min + 1, -62_167_219_200, 253_402_300_799] {
                _ = zoned.localDay(containing: instant)
                _ = zoned.rfc3339(instant)
                _ = zoned.utcOffset(at: instant)
            }
            for number in [Int32.min, Int32.max, 0] {
                _ = zoned.startOfDay(LocalDay(number: number))
            }
            for year in [0, 9999] {
                let time = CivilDateTime(date: CivilDate(year: year, month: 12, day: 31), hour: 23, minute: 59, second: 59)
                _ = zoned.epochSeconds(fromLocal: time)
            }
        }
        #expect(calendar("UTC").localDay(containing: 253_402_300_799) == day(9999, 12, 31))
    }
}
