import Testing
@testable import UsageAudit

@Suite("Anomaly text")
struct AnomalyTextTests {
    @Test("Counts have thousands separators, whatever the locale")
    func counts() {
        #expect(AnomalyText.count(0) == "0")
        #expect(AnomalyText.count(999) == "999")
        #expect(AnomalyText.count(4800) == "4,800")
        #expect(AnomalyText.count(-1_234_567) == "-1,234,567")
        #expect(AnomalyText.count(.max) == "9,223,372,036,854,775,807")
        #expect(AnomalyText.count(.min) == "-9,223,372,036,854,775,808")
    }

    @Test("Amounts, ratios and shares round sensibly and never trap")
    func amounts() {
        #expect(AnomalyText.amount(40.5) == "41")
        #expect(AnomalyText.amount(2.5) == "2.5")
        #expect(AnomalyText.amount(7) == "7")
        #expect(AnomalyText.amount(4750.2) == "4,750")
        #expect(AnomalyText.amount(1e30) == "9,223,372,036,854,775,807")
        #expect(AnomalyText.amount(.nan) == "0")
        #expect(AnomalyText.ratio(117.07) == "117×")
        #expect(AnomalyText.ratio(3.44) == "3.4×")
        #expect(AnomalyText.ratio(9.96) == "10×")
        #expect(AnomalyText.percent(996, of: 1000) == "99%")
        #expect(AnomalyText.percent(52, of: 50) == "104%")
        #expect(AnomalyText.percent(.max, of: 1) == "9,223,372,036,854,775,807%")
    }

    @Test("Units are called requests when they are, singular for one")
    func quantities() {
        #expect(AnomalyText.quantity(4800, requests: true) == "4,800 requests")
        #expect(AnomalyText.quantity(1, requests: true) == "1 request")
        #expect(AnomalyText.quantity(3000, requests: false) == "3,000 units")
    }

    @Test("Limits and baselines are named in words")
    func names() {
        #expect(AnomalyText.limit(5000, period: .day) == "the 5,000 daily limit")
        #expect(AnomalyText.limit(9000, period: .days(30, anchor: LocalDay(number: 0))) == "the 9,000 30-day limit")
        #expect(AnomalyText.limit(2000, period: .billingCycle(day: 15)) == "the 2,000 billing-cycle limit")
        #expect(AnomalyText.source(.allDays(days: 28)) == "median of 28 days")
        #expect(AnomalyText.source(.activeDays(active: 1, days: 9)) == "median of the 1 active day in 9")
        #expect(AnomalyText.source(.weekday(count: 4, isoWeekday: 7)) == "median of the last 4 Sundays")
        #expect(AnomalyText.limitShare(4800, limit: 5000, period: .day) == ", 96% of the 5,000 daily limit")
        #expect(AnomalyText.limitShare(4800, limit: nil, period: .day) == "")
    }

    @Test("Clock times are local")
    func clock() {
        let calendar = ZonedCalendar(timeZone: .init(identifier: "Asia/Kolkata")!)
        // 2026-11-16 00:00 UTC is 05:30 in India.
        let instant = Int64(LocalDay(CivilDate(year: 2026, month: 11, day: 16)).number) * 86_400
        #expect(AnomalyText.clock(instant, calendar: calendar) == "05:30")
    }
}
