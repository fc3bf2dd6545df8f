import Testing
@testable import UsageAudit

@Suite("Bursts")
struct BurstTests {
    typealias Fixture = DetectionFixture

    /// 1,900 units over 24 hours, 1,368 of them (72 %) between 03:00 and 04:00.
    static let burstDay: [Int64] = (0..<24).map { $0 == 3 ? 1368 : ($0 == 10 ? 26 : 23) }

    @Test("Most of a day's use in one local hour is a burst, reported once")
    func burst() throws {
        var fixture = Fixture()
        fixture.useHourly("ana", on: Fixture.monday, units: Self.burstDay)
        let findings = fixture.anomalies(judging: [Fixture.monday])
        #expect(findings.map { "\($0.scope):\($0.kind.rawValue)" } == ["geo:burst"])
        let finding = try #require(findings.first)
        #expect(finding.observed == 1368)
        #expect(finding.baseline == 1900.0 / 24)
        #expect(finding.detail == "72% of the day's 1,900 requests between 03:00 and 04:00 (1,368 in that hour; an even spread would be 79 an hour)")
        #expect(finding.limit == nil, "geo has no daily quota")
        // The scope's daily limit, as a spike's row gives it.
        var limited = Fixture(quotas: [QuotaRule(scope: "geo", period: .day, defaultLimit: 4000)])
        limited.useHourly("ana", on: Fixture.monday, units: Self.burstDay)
        #expect(limited.anomalies(judging: [Fixture.monday]).first { $0.kind == .burst }?.limit == 4000)
    }

    @Test("On the as-of day the even spread is over the hours up to the audit moment, not 24")
    func dayCutAtTheAuditMoment() throws {
        var fixture = Fixture()
        // Logs up to 09:47: 543 requests in ten begun hours, 525 of them between 07:00 and 08:00.
        fixture.useHourly("ana", on: Fixture.monday, units: (0..<10).map { $0 == 7 ? 525 : 2 })
        let asOf = fixture.calendar.startOfDay(Fixture.monday) + 9 * 3600 + 47 * 60
        let finding = try #require(fixture.anomalies(usage: fixture.usage, judging: [Fixture.monday], asOf: asOf).first)
        #expect(finding.kind == .burst && finding.observed == 525)
        #expect(finding.baseline == 543.0 / 10)
        #expect(finding.detail == "96% of the day's 543 requests between 07:00 and 08:00 (525 in that hour; "
            + "an even spread over the 10 hours to 09:47 would be 54 an hour)")
    }

    @Test("An audit moment on the hour ends the hours before it: 12:00:00 is twelve hours, 12:00:01 thirteen",
          arguments: [(second: Int64(0), hours: 12), (second: 1, hours: 13), (second: -1, hours: 12)])
    func dayCutOnTheHour(second: Int64, hours: Int) throws {
        var fixture = Fixture()
        fixture.useHourly("ana", on: Fixture.monday, units: (0..<12).map { $0 == 7 ? 600 : 2 })
        let asOf = fixture.calendar.startOfDay(Fixture.monday) + 12 * 3600 + second
        let finding = try #require(fixture.anomalies(usage: fixture.usage, judging: [Fixture.monday], asOf: asOf).first)
        #expect(finding.kind == .burst && finding.baseline == 622.0 / Double(hours))
        #expect(finding.detail.contains("an even spread over the \(hours) hours to "))
    }

    @Test("A burst in the hour the audit moment is in is judged when no request came after the moment")
    func burstInTheLastHour() throws {
        var fixture = Fixture()
        // 230 units until 23:00, then 1,000 from 23:01; the logs, and the audit, end at 23:40.
        fixture.useHourly("ana", on: Fixture.monday, units: (0..<24).map { $0 == 23 ? 1000 : 10 })
        let start = fixture.calendar.startOfDay(Fixture.monday)
        let finding = try #require(fixture.anomalies(usage: fixture.usage, judging: [Fixture.monday], asOf: start + 23 * 3600 + 40 * 60).first)
        #expect(finding.kind == .burst && finding.observed == 1000)
        #expect(finding.detail.hasPrefix("81% of the day's 1,230 requests between 23:00 and 00:00"), "\(finding.detail)")
        // An audit moment before requests of its own hour: that hour is not judged (its
        // slot holds requests after the moment).
        var early = Fixture()
        early.useHourly("ana", on: Fixture.monday, units: (0..<12).map { $0 == 11 ? 1000 : 10 })
        #expect(early.anomalies(usage: early.usage, judging: [Fixture.monday], asOf: start + 11 * 3600 + 30).isEmpty)
    }

    @Test("Use spread over the day, or too little of it, is no burst")
    func noBurst() {
        var fixture = Fixture()
        fixture.useHourly("even", on: Fixture.monday, units: Array(repeating: 100, count: 24))
        fixture.useHourly("small", on: Fixture.monday, units: (0..<24).map { $0 == 5 ? 150 : 2 })
        // 55 % in the busiest hour.
        fixture.useHourly("half", on: Fixture.monday, units: (0..<24).map { $0 == 9 ? 550 : ($0 < 10 ? 50 : 0) })
        #expect(fixture.anomalies(judging: [Fixture.monday]).isEmpty)
    }

    @Test("A burst spread over two scopes is a burst of all")
    func burstOfAll() {
        var fixture = Fixture()
        fixture.useHourly("ana", scope: Fixture.geo, on: Fixture.monday, units: (0..<24).map { $0 == 7 ? 400 : 10 })
        fixture.useHourly("ana", scope: Fixture.iso, on: Fixture.monday, units: (0..<24).map { $0 == 7 ? 400 : 10 })
        // Each scope has 400 of 630 (63 %): both burst, and all is not reported again.
        #expect(fixture.kinds(of: "ana", judging: [Fixture.monday]) == ["geo:burst", "iso:burst"])
        var mixed = Fixture()
        mixed.useHourly("bo", scope: Fixture.geo, on: Fixture.monday, units: (0..<24).map { $0 == 7 ? 300 : 10 })
        mixed.useHourly("bo", scope: Fixture.iso, on: Fixture.monday, units: (0..<24).map { $0 == 7 ? 500 : 0 })
        // geo: 300 of 530 (57 %) is not; iso: 500 of 500 is; all: 800 of 1,030 (78 %) is, but iso reports it.
        #expect(mixed.kinds(of: "bo", judging: [Fixture.monday]) == ["iso:burst"])
    }

    @Test("DST days have 23 and 25 local hours", arguments: [
        (Fixture.day(2026, 3, 29), 23, 2, "03:00", "04:00"),
        (Fixture.day(2026, 10, 25), 25, 3, "02:00", "03:00"),
    ])
    func daylightSaving(day: LocalDay, hours: Int, busiest: Int, from: String, to: String) throws {
        var fixture = Fixture(zone: "Europe/Berlin")
        let units: [Int64] = (0..<hours).map { $0 == busiest ? 900 : 10 }
        fixture.useHourly("ana", on: day, units: units)
        let findings = fixture.anomalies(judging: [day])
        let finding = try #require(findings.first { $0.kind == .burst })
        let total = 900 + 10 * (hours - 1)
        #expect(finding.bucket.start == day)
        #expect(finding.baseline == Double(total) / Double(hours))
        #expect(finding.detail.contains("between \(from) and \(to) (900 in that hour"))
    }

    @Test("Days the hourly usage does not cover are not judged for bursts")
    func outsideCoverage() {
        var fixture = Fixture()
        fixture.useHourly("ana", on: Fixture.monday.adding(days: -3), units: Self.burstDay)
        fixture.useHourly("ana", on: Fixture.monday, units: Array(repeating: 10, count: 24))
        let days = [Fixture.monday.adding(days: -3), Fixture.monday]
        #expect(!fixture.anomalies(judging: days).contains { $0.kind == .burst })
    }
}
