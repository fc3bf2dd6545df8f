import Foundation
import Testing
@testable import UsageAudit

/// The boundary cases of /work/shared/reference/period-vectors.md.
@Suite struct PeriodVectorTests {
    private func day(_ text: String) -> LocalDay {
        let parts = text.split(separator: "-").map { Int($0)! }
        return LocalDay(CivilDate(year: parts[0], month: parts[1], day: parts[2]))
    }

    private func range(_ start: String, _ end: String) -> DayRange {
        DayRange(start: day(start), end: day(end))
    }

    @Test func calendarPeriodsInUTC() throws {
        let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "UTC")!)
        let now = calendar.localDay(containing: CivilInstant.utc(2026, 1, 25, 14, 30))
        #expect(now == day("2026-01-25"))
        #expect(now.isoWeekday == 7)
        #expect(Period.day.bucket(containing: now) == range("2026-01-25", "2026-01-26"))
        #expect(Period.week.bucket(containing: now) == range("2026-01-19", "2026-01-26"))
        #expect(Period.month.bucket(containing: now) == range("2026-01-01", "2026-02-01"))
        #expect(Period.year.bucket(containing: now) == range("2026-01-01", "2027-01-01"))
        #expect(try Period(parsing: "30d", anchor: now).bucket(containing: now) == range("2026-01-25", "2026-02-24"))
        #expect(try Period(parsing: "7", anchor: now).bucket(containing: now) == range("2026-01-25", "2026-02-01"))
        #expect(throws: PeriodError.invalidDayCount("0d")) { try Period(parsing: "0d", anchor: now) }
    }

    @Test func resetsAreNeverNow() {
        // Waldur: monthly reset after 2026-12-20 is 2027-01-01; at Monday 00:00 the weekly
        // reset is the next Monday.
        #expect(Period.month.bucket(containing: day("2026-12-20")).end == day("2027-01-01"))
        let monday = day("2026-01-19")
        #expect(Period.week.bucket(containing: monday) == range("2026-01-19", "2026-01-26"))
        #expect(Period.week.bucket(containing: monday).end == day("2026-01-26"))
    }

    @Test func localMidnightsInNewYork() {
        let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "America/New_York")!)
        let winter = calendar.localDay(containing: CivilInstant.utc(2026, 1, 25, 14, 30))
        let summer = calendar.localDay(containing: CivilInstant.utc(2026, 7, 25, 14, 30))
        #expect(calendar.startOfDay(Period.day.bucket(containing: winter).start) == CivilInstant.utc(2026, 1, 25, 5))
        #expect(calendar.startOfDay(Period.day.bucket(containing: summer).start) == CivilInstant.utc(2026, 7, 25, 4))
        #expect(calendar.startOfDay(Period.month.bucket(containing: winter).start) == CivilInstant.utc(2026, 1, 1, 5))
        #expect(calendar.startOfDay(Period.month.bucket(containing: summer).start) == CivilInstant.utc(2026, 7, 1, 4))
        // 00:30Z on Jan 25 is still Jan 24 in New York.
        #expect(calendar.localDay(containing: CivilInstant.utc(2026, 1, 25, 0, 30)) == day("2026-01-24"))
    }

    @Test(arguments: [
        ("2017-03-21", "2017-02-21", "2017-03-21"),
        ("2017-03-21", "2017-02-01", "2017-03-01"),
        ("2017-03-20", "2017-02-21", "2017-02-21"),
        ("2017-01-30", "2016-10-31", "2016-12-31"),
        ("2017-03-21", "2017-01-31", "2017-02-28"),
    ])
    func billingCycleStarts(today: String, anchor: String, expected: String) {
        let period = Period.billingCycle(day: day(anchor).date.day)
        let cycle = period.bucket(containing: day(today))
        #expect(cycle.start == day(expected))
        #expect(cycle.contains(day(today)))
    }

    @Test func nextBillingCycles() {
        let july31 = Period.billingCycle(day: 31)
        let current = july31.bucket(containing: day("2017-03-10"))
        #expect(current == range("2017-02-28", "2017-03-31"))
        #expect(july31.bucket(after: current).start == day("2017-03-31"))
        let february1 = Period.billingCycle(day: 1)
        #expect(february1.bucket(containing: day("2017-02-01")).end == day("2017-03-01"))
        #expect(february1.bucket(after: february1.bucket(containing: day("2017-02-01"))).start == day("2017-03-01"))
    }

    @Test func openMeterCyclesAtDayGranularity() {
        #expect(Period.billingCycle(day: 31).bucket(containing: day("2025-08-13")) == range("2025-07-31", "2025-08-31"))
        #expect(Period.billingCycle(day: 30).bucket(containing: day("2025-02-13")) == range("2025-01-30", "2025-02-28"))
    }

    @Test func cyclesDoNotDriftWhenClamped() {
        let period = Period.billingCycle(day: 31)
        var cycle = period.bucket(containing: day("2017-01-31"))
        var starts: [LocalDay] = []
        for _ in 0..<5 {
            starts.append(cycle.start)
            cycle = period.bucket(after: cycle)
        }
        #expect(starts == ["2017-01-31", "2017-02-28", "2017-03-31", "2017-04-30", "2017-05-31"].map(day))
        // The double-counted day: Feb 28 belongs to one cycle only.
        #expect(!period.bucket(containing: day("2017-02-27")).contains(day("2017-02-28")))
        #expect(period.bucket(containing: day("2017-02-28")) == range("2017-02-28", "2017-03-31"))
        #expect(period.bucket(containing: day("2024-02-29")) == range("2024-02-29", "2024-03-31"))
        #expect(period.bucket(containing: day("2024-02-28")) == range("2024-01-31", "2024-02-29"))
    }

    @Test func dayWindowsRepeatBeforeTheAnchor() {
        let period = Period.days(30, anchor: day("2026-01-25"))
        #expect(period.bucket(containing: day("2026-01-24")) == range("2025-12-26", "2026-01-25"))
        #expect(period.bucket(containing: day("2025-12-26")) == range("2025-12-26", "2026-01-25"))
        #expect(period.bucket(containing: day("2025-12-25")) == range("2025-11-26", "2025-12-26"))
        #expect(period.bucket(containing: day("2026-02-24")) == range("2026-02-24", "2026-03-26"))
        // Default anchor 1970-01-01.
        #expect(Period.days(7, anchor: LocalDay(number: 0)).bucket(containing: LocalDay(number: -1))
            == DayRange(start: LocalDay(number: -7), end: LocalDay(number: 0)))
    }
}
