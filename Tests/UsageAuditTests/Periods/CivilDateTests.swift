import Testing
@testable import UsageAudit

@Suite struct CivilDateTests {
    @Test func roundTripsDayNumbers() {
        for number in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilDate(daysSinceEpoch: number)
            #expect(date.isValid)
            #expect(date.daysSinceEpoch == number)
        }
    }

    @Test func knowsEpochAndLeapDays() {
        #expect(CivilDate(daysSinceEpoch: 0) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate(year: 2000, month: 3, day: 1).daysSinceEpoch - CivilDate(year: 2000, month: 2, day: 28).daysSinceEpoch == 2)
        #expect(CivilDate(year: 1900, month: 3, day: 1).daysSinceEpoch - CivilDate(year: 1900, month: 2, day: 28).daysSinceEpoch == 1)
        #expect(LocalDay(CivilDate(year: 2026, month: 1, day: 25)).isoWeekday == 7)
        #expect(LocalDay(CivilDate(year: 2026, month: 1, day: 19)).isoWeekday == 1)
    }

    @Test func clampsWhenAddingMonths() {
        let jan31 = CivilDate(year: 2017, month: 1, day: 31)
        #expect(jan31.addingMonths(1) == CivilDate(year: 2017, month: 2, day: 28))
        #expect(jan31.addingMonths(2) == CivilDate(year: 2017, month: 3, day: 31))
        #expect(jan31.addingMonths(-2) == CivilDate(year: 2016, month: 11, day: 30))
        #expect(CivilDate(year: 2024, month: 1, day: 31).addingMonths(1).day == 29)
    }
}
