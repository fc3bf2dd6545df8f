import Testing
@testable import UsageAudit

@Suite("Limit findings")
struct LimitFindingTests {
    typealias Fixture = DetectionFixture

    static let day = Fixture.monday

    @Test("Units at the limit reach it")
    func reachedByUnits() throws {
        var fixture = Fixture()
        fixture.use("ana", on: Self.day, units: 5000)
        let finding = try #require(fixture.anomalies(judging: [Self.day]).first { $0.kind == .limitReached })
        #expect(finding.scope == "all")
        #expect(finding.observed == 5000)
        #expect(finding.limit == 5000)
        #expect(finding.score == nil)
        #expect(finding.detail == "5,000 requests: 100% of the 5,000 daily limit reached")
    }

    @Test("429s under a hard limit reach it near the limit; under a soft limit or far below it they do not")
    func reachedByRefusals() throws {
        var fixture = Fixture(quotas: [
            QuotaRule(scope: "all", period: .day, defaultLimit: 5000, hard: true),
            QuotaRule(scope: "iso", period: .day, defaultLimit: 1000, hard: false),
        ])
        // Refused at 92% of the limit: the store's counter reached it.
        fixture.use("bo", on: Self.day, units: 4600, rejected: 12)
        // Refused at 40%: not this limit's doing (the reconciler's blocked_under_limit).
        fixture.use("di", on: Self.day, units: 2000, rejected: 12)
        // Refused under a soft limit: use counts against the hard "all" limit only.
        fixture.use("cy", scope: Fixture.iso, on: Self.day, units: 950, rejected: 5)
        let findings = fixture.anomalies(judging: [Self.day]).filter { $0.kind == .limitReached || $0.kind == .nearLimit }
        #expect(findings.map { "\($0.user) \($0.scope):\($0.kind.rawValue)" } == ["bo all:limit_reached", "cy iso:near_limit"])
        #expect(findings[0].detail == "4,600 requests: 92% of the 5,000 daily limit; 12 requests refused (429)")
    }

    @Test("Use from near_limit of the limit is near it, below it nothing")
    func nearLimit() {
        var fixture = Fixture(nearLimit: 0.8)
        // Established users (a new user at half the limit would also be a new_heavy_user).
        for user in ["ana", "bo"] {
            fixture.series(user, from: Self.day.adding(days: -10), Array(repeating: 3500, count: 10))
        }
        fixture.use("ana", on: Self.day, units: 4000)
        fixture.use("bo", on: Self.day, units: 3999)
        #expect(fixture.kinds(of: "ana", judging: [Self.day]) == ["all:near_limit"])
        #expect(fixture.kinds(of: "bo", judging: [Self.day]).isEmpty)
    }

    @Test("A light user suddenly near the limit: near_limit quotes the usual day and the ratio")
    func lightUserNearLimit() throws {
        var fixture = Fixture(scopes: false)
        fixture.series("ana", scope: 0, from: Self.day.adding(days: -28), Array(repeating: 41, count: 28))
        fixture.use("ana", scope: 0, on: Self.day, units: 4800)
        let finding = try #require(fixture.anomalies(judging: [Self.day]).first { $0.kind == .nearLimit })
        #expect(finding.baseline == 41)
        #expect(finding.detail == "4,800 requests: 96% of the 5,000 daily limit; usually 41 a day (median of 28 days), 117× that")
    }

    @Test("Weekly and monthly buckets are judged on their whole use, with the profile's limit")
    func longerPeriods() throws {
        var fixture = Fixture(quotas: [
            QuotaRule(scope: "geo", period: .week, defaultLimit: 20_000),
            QuotaRule(scope: "iso", period: .month, defaultLimit: 2000, hard: false),
        ])
        // Monday to Thursday of one week: 19,000 of 20,000.
        for offset in 0..<4 { fixture.use("ana", on: Self.day.adding(days: offset), units: 4750) }
        // 2,600 isoline units in November against a stored limit of 2,500, soft.
        fixture.store("ana", scope: "iso", period: .month, limit: .limit(2500))
        fixture.use("ana", scope: Fixture.iso, on: Fixture.day(2026, 11, 2), units: 2600)
        let findings = fixture.anomalies(judging: [Self.day.adding(days: 3)]).filter { $0.user == "ana" }
        #expect(findings.map { "\($0.scope) \($0.period.name):\($0.kind.rawValue)" } == ["geo week:near_limit", "iso month:limit_reached"])
        let week = findings[0]
        #expect(week.bucket == DayRange(start: Self.day, end: Self.day.adding(days: 7)))
        #expect(week.observed == 19_000)
        #expect(week.baseline == nil)
        #expect(week.detail == "19,000 requests: 95% of the 20,000 weekly limit")
        let month = findings[1]
        #expect(month.limit == 2500)
        #expect(month.detail == "2,600 requests: 104% of the 2,500 monthly limit (a soft limit: 100 past it)")
    }

    @Test("Unlimited and unknown limits give no limit findings")
    func noLimit() {
        var fixture = Fixture(quotas: [QuotaRule(scope: "all", period: .day, defaultLimit: 5000)])
        fixture.store("free", limit: .unlimited)
        fixture.store("minus", limit: .limit(-1))
        for user in ["free", "minus"] {
            fixture.use(user, on: Self.day, units: 9000, rejected: 3)
        }
        var unlimited = Fixture(quotas: [])
        unlimited.use("ana", on: Self.day, units: 9000, rejected: 3)
        let findings = fixture.anomalies(judging: [Self.day]) + unlimited.anomalies(judging: [Self.day])
        #expect(!findings.contains { $0.kind == .nearLimit || $0.kind == .limitReached })
    }

    @Test("A hard limit of 0 allows no use: any use, or a refusal under it, reaches it; a soft 0 bills all use and is not judged")
    func zeroLimit() throws {
        var fixture = Fixture(quotas: [QuotaRule(scope: "all", period: .day, defaultLimit: 5000, hard: false)])
        fixture.store("soft", limit: .limit(0))
        fixture.use("soft", on: Self.day, units: 30)
        fixture.store("hard", limit: .limit(0), hard: true)
        fixture.use("hard", on: Self.day, units: 0, rejected: 4)
        fixture.store("served", limit: .limit(0), hard: true)
        fixture.use("served", on: Self.day, units: 7)
        fixture.store("idle", limit: .limit(0), hard: true)
        let findings = fixture.anomalies(judging: [Self.day]).filter { $0.kind == .limitReached }
        #expect(findings.map(\.user).sorted() == ["hard", "served"])
        #expect(findings.first { $0.user == "served" }?.detail == "7 requests: no use allowed by the 0 daily limit")
        #expect(findings.first { $0.user == "hard" }?.detail.hasSuffix("4 requests refused (429)") == true)
    }

    @Test("Only buckets of the window are judged")
    func windowOnly() {
        var fixture = Fixture()
        fixture.use("ana", on: Self.day.adding(days: -3), units: 5000)
        fixture.use("ana", on: Self.day, units: 100)
        #expect(fixture.kinds(of: "ana", judging: [Self.day]).isEmpty)
    }
}
