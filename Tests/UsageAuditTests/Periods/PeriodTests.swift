import Testing
@testable import UsageAudit

@Suite struct PeriodTests {
    private let anchor = LocalDay(CivilDate(year: 2026, month: 1, day: 25))

    @Test func parsesEverySpelling() throws {
        #expect(try Period(parsing: "day") == .day)
        #expect(try Period(parsing: "week") == .week)
        #expect(try Period(parsing: "month") == .month)
        #expect(try Period(parsing: "year") == .year)
        #expect(try Period(parsing: " Month ") == .month)
        #expect(try Period(parsing: "30d") == .days(30, anchor: LocalDay(number: 0)))
        #expect(try Period(parsing: "30d", anchor: anchor) == .days(30, anchor: anchor))
        #expect(try Period(parsing: "7", anchor: anchor) == .days(7, anchor: anchor))
        #expect(try Period(parsing: "1d") == .days(1, anchor: LocalDay(number: 0)))
        #expect(try Period(parsing: "36525d") == .days(36_525, anchor: LocalDay(number: 0)))
        #expect(try Period(parsing: "month@1") == .billingCycle(day: 1))
        #expect(try Period(parsing: "month@31") == .billingCycle(day: 31))
        #expect(try Period(parsing: "month@07") == .billingCycle(day: 7))
    }

    @Test func namesPeriodsAsTheConfigurationWritesThem() throws {
        for text in ["day", "week", "month", "year", "30d", "month@31", "month@1"] {
            #expect(try Period(parsing: text).name == text)
        }
        #expect(try Period(parsing: "7").name == "7d")
        #expect(Period.billingCycle(day: 15).description == "month@15")
    }

    @Test func refusesOtherSpellingsAndListsTheAcceptedOnes() {
        let cases: [(String, PeriodError)] = [
            ("0d", .invalidDayCount("0d")), ("-3d", .invalidDayCount("-3d")), ("0", .invalidDayCount("0")),
            ("36526d", .invalidDayCount("36526d")), ("99999999999999999999999d", .invalidDayCount("99999999999999999999999d")),
            ("month@0", .invalidBillingDay("month@0")), ("month@32", .invalidBillingDay("month@32")),
            ("month@", .invalidBillingDay("month@")), ("month@x", .invalidBillingDay("month@x")),
            ("fortnight", .unknownPeriod("fortnight")), ("", .unknownPeriod("")), ("d", .unknownPeriod("d")),
            ("3 d", .unknownPeriod("3 d")), ("+3d", .unknownPeriod("+3d")), ("1.5d", .unknownPeriod("1.5d")),
            ("٣d", .unknownPeriod("٣d")),
        ]
        for (text, expected) in cases {
            #expect(throws: expected, "\(text)") { try Period(parsing: text) }
        }
        for error in cases.map(\.1) {
            let message = error.description
            #expect(message.contains("day, week, month, year"))
            #expect(message.contains("30d"))
            #expect(message.contains("month@D"))
        }
        #expect(PeriodError.unknownPeriod("fortnight").description.hasPrefix("unknown period 'fortnight'"))
    }

    @Test func dayRangesAreHalfOpen() {
        let range = DayRange(start: anchor, end: anchor.adding(days: 7))
        #expect(range.contains(anchor))
        #expect(range.contains(anchor.adding(days: 6)))
        #expect(!range.contains(anchor.adding(days: 7)))
        #expect(!range.contains(anchor.adding(days: -1)))
        #expect(range.dayCount == 7)
        #expect(DayRange(start: anchor, end: anchor).dayCount == 0)
        #expect(DayRange(start: anchor, end: anchor.adding(days: -3)).dayCount == 0)
        #expect(range.description == "[2026-01-25, 2026-02-01)")
    }

    @Test func invalidCasesBuiltDirectlyDoNotTrap() {
        let day = LocalDay(CivilDate(year: 2026, month: 2, day: 10))
        #expect(Period.days(0, anchor: anchor).bucket(containing: day).dayCount == 1)
        #expect(Period.days(-5, anchor: anchor).bucket(containing: day).dayCount == 1)
        #expect(Period.billingCycle(day: 0).bucket(containing: day) == Period.billingCycle(day: 1).bucket(containing: day))
        #expect(Period.billingCycle(day: 99).bucket(containing: day) == Period.billingCycle(day: 31).bucket(containing: day))
        for period in [Period.day, .week, .month, .year, .days(30, anchor: anchor), .billingCycle(day: 31)] {
            for number in [Int32.min, Int32.max, Int32.min + 40, Int32.max - 400] {
                _ = period.bucket(containing: LocalDay(number: number))
            }
        }
    }

    @Test("hasSameName agrees with comparing the names")
    func sameName() {
        let anchor = LocalDay(CivilDate(year: 2026, month: 1, day: 1))
        let periods: [Period] = [
            .day, .week, .month, .year, .days(30, anchor: anchor), .days(30, anchor: anchor.adding(days: 3)),
            .days(7, anchor: anchor), .days(0, anchor: anchor), .days(1, anchor: anchor),
            .billingCycle(day: 15), .billingCycle(day: 31), .billingCycle(day: 1),
        ]
        for left in periods {
            for right in periods {
                #expect(left.hasSameName(as: right) == (left.name == right.name), "\(left.name) \(right.name)")
            }
        }
    }
}
