import Testing
@testable import UsageAudit

@Suite("New users")
struct NewUserTests {
    typealias Fixture = DetectionFixture

    /// A fixture with 40 established geo users whose usual day is 100…490 units.
    static func withCohort() -> Fixture {
        var fixture = Fixture()
        let start = Fixture.monday.adding(days: -30)
        for index in 0..<40 {
            let level = Int64(100 + 10 * index)
            fixture.series("user\(index)", from: start, Array(repeating: level, count: 31))
        }
        return fixture
    }

    @Test("A new user heavier than 95% of the established users is a new_heavy_user, with the cohort figure")
    func heavyAgainstCohort() throws {
        var fixture = Self.withCohort()
        fixture.use("new", on: Fixture.monday, units: 1200)
        let findings = fixture.anomalies(judging: [Fixture.monday]).filter { $0.user == "new" }
        #expect(findings.map { "\($0.scope):\($0.kind.rawValue)" } == ["geo:new_heavy_user"])
        let finding = try #require(findings.first)
        // 95th percentile (nearest rank 38 of 40) of 100, 110, … 490.
        #expect(finding.baseline == 470)
        #expect(finding.score == nil)
        #expect(finding.detail == "new user, first day of use: 1,200 requests vs 470 at the 95th percentile of 40 established users' median day")
    }

    @Test("A new user within the cohort's usual days, or under the absolute floor, is nothing")
    func ordinaryNewUser() {
        var fixture = Self.withCohort()
        fixture.use("calm", on: Fixture.monday, units: 300)
        fixture.use("small", on: Fixture.monday, units: 480)
        #expect(fixture.kinds(of: "calm", judging: [Fixture.monday]).isEmpty)
        #expect(fixture.kinds(of: "small", judging: [Fixture.monday]).isEmpty)
    }

    @Test("A user with a few days is not judged as a spike but as a new user")
    func fewDays() {
        var fixture = Self.withCohort()
        fixture.series("few", from: Fixture.monday.adding(days: -4), [20, 25, 30, 20])
        fixture.use("few", on: Fixture.monday, units: 3000)
        let findings = fixture.anomalies(judging: [Fixture.monday]).filter { $0.user == "few" }
        #expect(findings.map(\.kind) == [.newHeavyUser])
        #expect(findings.first?.detail.hasPrefix("new user, 4 days of history: 3,000 requests") == true)
    }

    @Test("Without a cohort (the first runs) only half the limit makes a new user heavy")
    func withoutCohort() throws {
        var fixture = Fixture()
        // The data begins a week before the new users' first day.
        fixture.use("early", on: Fixture.monday.adding(days: -7), units: 10)
        fixture.use("big", on: Fixture.monday, units: 3000)
        fixture.use("mid", on: Fixture.monday, units: 2000)
        let findings = fixture.anomalies(judging: [Fixture.monday])
        #expect(findings.map { "\($0.user) \($0.scope):\($0.kind.rawValue)" } == ["big all:new_heavy_user"])
        let finding = try #require(findings.first)
        #expect(finding.limit == 5000)
        #expect(finding.baseline == nil)
        #expect(finding.detail == "new user, first day of use: 3,000 requests, 60% of the 5,000 daily limit")
    }

    @Test("Users active in the data's first week are not new (a first install would call every heavy customer new), even after a stray earlier line")
    func activeSinceTheDataBegan() {
        var fixture = Fixture()
        let first = Fixture.monday.adding(days: -10)
        fixture.use("stray", on: first, units: 1)
        fixture.series("acme", from: first.adding(days: 1), [3000, 3000, 3000])
        fixture.series("late", from: first.adding(days: 8), [3000, 3000])
        let days = (1...9).map { first.adding(days: $0) }
        #expect(fixture.kinds(of: "acme", judging: days).isEmpty)
        #expect(fixture.kinds(of: "late", judging: days) == ["all:new_heavy_user", "all:new_heavy_user"])
    }

    @Test("A day made heavy by half the limit does not quote a cohort figure the day is under")
    func limitRuleWithoutCohortQuote() throws {
        var fixture = Self.withCohort()
        fixture.configuration.quotas = [QuotaRule(scope: "all", period: .day, defaultLimit: 800, hard: true)]
        // 450 is under the cohort's 470 but over half of 800.
        fixture.use("new", on: Fixture.monday, units: 450)
        let detail = try #require(fixture.anomalies(judging: [Fixture.monday]).first { $0.user == "new" }?.detail)
        #expect(detail.contains("56% of the 800 daily limit") && !detail.contains("percentile"), "\(detail)")
    }
}
