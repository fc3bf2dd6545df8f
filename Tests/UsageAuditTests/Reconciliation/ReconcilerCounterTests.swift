import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    @Suite("Reconciler: stored counters against the logs")
    struct ReconcilerCounterTests {
        private let today = ReconciliationFixture.day(2026, 11, 21)
        private var yesterday: LocalDay { today.adding(days: -1) }

        @Test("a clean store — every counter equal to the logs — gives no finding at all")
        func cleanStore() {
            var fixture = ReconciliationFixture()
            // alice reached the limit exactly and was refused after it: that is enforcement working.
            fixture.use("alice", on: today, units: 4000)
            fixture.use("alice", scope: ReconciliationFixture.iso, on: today, units: 1000, rejected: 7)
            fixture.use("alice", scope: ReconciliationFixture.iso, on: today.adding(days: -3), units: 500)
            fixture.use("bob", on: yesterday, units: 300)
            fixture.store("alice", used: 5000, total: 5500)
            fixture.store("alice", scope: "iso", period: .month, used: 1500, total: 1500)
            fixture.store("bob", used: 0, total: 300)
            #expect(fixture.findings().isEmpty)
        }

        @Test("lost increments: stored below the logs is drift, with the count lost")
        func lostIncrements() throws {
            var fixture = ReconciliationFixture()
            fixture.use("bob", on: today, units: 5000)
            fixture.store("bob", used: 4963)
            let finding = try #require(fixture.findings().first)
            #expect(fixture.findings().count == 1)
            #expect(finding.kind == .drift)
            #expect(finding.field == "used")
            #expect(finding.stored == 4963 && finding.recomputed == 5000 && finding.delta == -37)
            #expect(finding.bucket == DayRange(start: today, end: today.adding(days: 1)))
            #expect(finding.detail.hasPrefix("stored 4,963, logs show 5,000 since 2026-11-21 00:00 +00:00: 37 increments lost"))
            #expect(finding.origin == "profiles.csv:2")
        }

        @Test("the detail dates the bucket in the configured zone")
        func detailInZone() throws {
            var fixture = ReconciliationFixture(zone: "Europe/Berlin")
            fixture.use("bob", on: today, units: 5000)
            fixture.store("bob", used: 4963)
            let finding = try #require(fixture.findings().first)
            #expect(finding.detail.hasPrefix("stored 4,963, logs show 5,000 since 2026-11-21 00:00 +01:00: 37 increments lost"))
        }

        @Test("over-counting: stored above the logs is drift, counted more than served")
        func overCounted() throws {
            var fixture = ReconciliationFixture()
            fixture.use("bob", on: today, units: 5000, requests: 2500)
            fixture.store("bob", used: 5100)
            let finding = try #require(fixture.findings().first)
            #expect(finding.kind == .drift && finding.delta == 100)
            #expect(finding.detail.contains("100 more counted than served"))
        }

        @Test("units that are not requests are called units", arguments: [Int64(4990), 4000])
        func unitsWording(stored: Int64) {
            var fixture = ReconciliationFixture()
            fixture.use("bob", on: today, units: 5010, requests: 300)
            fixture.store("bob", used: stored)
            let detail = fixture.findings().first { $0.kind == .drift }?.detail ?? ""
            #expect(detail.contains("units lost"))
        }

        @Test("tolerance: a difference up to it is in-flight requests, beyond it drift", arguments: [
            (Int64(0), Int64(4998), true), (2, 4998, false), (2, 5002, false), (1, 4998, true), (1, 5002, true),
        ])
        func tolerance(tolerance: Int64, stored: Int64, expectsDrift: Bool) {
            var fixture = ReconciliationFixture()
            fixture.tolerance = tolerance
            fixture.use("bob", on: today, units: 5000)
            fixture.store("bob", limit: .unlimited, used: stored)
            #expect(fixture.kinds(of: "bob") == (expectsDrift ? ["drift:used"] : []))
        }

        @Test("stale reset: still yesterday's count with no use today")
        func staleReset() throws {
            var fixture = ReconciliationFixture()
            fixture.use("carol", on: yesterday, units: 4812)
            fixture.store("carol", used: 4812)
            let finding = try #require(fixture.findings().first)
            #expect(fixture.findings().count == 1)
            #expect(finding.kind == .staleReset)
            #expect(finding.stored == 4812 && finding.recomputed == 0)
            #expect(finding.detail == "still shows yesterday's 4,812 with no use today: the daily reset has not been "
                + "applied (lazy reset on next call)")
        }

        @Test("counters read after the logs end: a bucket the logs do not reach is counted for a warning, and a stale window claims no calls the logs do not prove")
        func readAfterTheLogs() throws {
            var fixture = ReconciliationFixture(quotas: [QuotaRule(scope: "all", period: .days(2, anchor: ReconciliationFixture.day(2026, 11, 19)))])
            fixture.use("alice", on: yesterday, units: 17)
            let logsEnd = fixture.instant(yesterday, 23, 51)
            let readAt = fixture.instant(today, 2, 30)
            // A daily counter read at 02:30 is of today, which the logs (to 23:51 yesterday) do not reach.
            fixture.store("bob", period: .day, used: 4, snapshotAt: readAt)
            fixture.store("alice", period: .day, used: 17, snapshotAt: fixture.instant(yesterday, 23, 55))
            let reconciler = Reconciler(configuration: fixture.configuration)
            let resolver = LimitResolver(profiles: fixture.profiles, configuration: fixture.configuration)
            #expect(reconciler.countersBeyondLogs(profiles: fixture.profiles, resolver: resolver, asOf: fixture.asOf, calendar: fixture.calendar, coverageEnd: logsEnd) == 1)
            #expect(reconciler.countersBeyondLogs(profiles: fixture.profiles, resolver: resolver, asOf: fixture.asOf, calendar: fixture.calendar, coverageEnd: nil) == 0)
            // A 2-day window that ended before the read, still holding its count: the logs end
            // before it, so no call since is proven (lazy), whatever the open end allows.
            var window = ReconciliationFixture(quotas: [QuotaRule(scope: "all", period: .days(2, anchor: ReconciliationFixture.day(2026, 11, 19)))])
            window.use("alice", on: yesterday, units: 17)
            window.store("alice", period: .days(2, anchor: ReconciliationFixture.day(2026, 11, 19)), used: 17, snapshotAt: readAt, periodStart: ReconciliationFixture.day(2026, 11, 19))
            let findings = Reconciler(configuration: window.configuration).findings(
                profiles: window.profiles, usage: window.usage, asOf: window.asOf, calendar: window.calendar, coverageEnd: logsEnd)
            let stale = try #require(findings.first { $0.kind == .staleReset })
            #expect(stale.detail.hasSuffix("(lazy reset on next call)"), "\(stale.detail)")
        }

        @Test("stale reset vs drift: yesterday's count is stale even with use today; any other count is drift")
        func staleOrDrift() {
            var fixture = ReconciliationFixture()
            for user in ["dave", "eve"] {
                fixture.use(user, on: yesterday, units: 4812)
                fixture.use(user, on: today, units: 300)
            }
            fixture.store("dave", used: 4812)
            fixture.store("eve", used: 4700)
            #expect(fixture.kinds(of: "dave") == ["stale_reset:used"])
            let detail = fixture.findings().first { $0.user == "dave" }?.detail ?? ""
            #expect(detail.contains("although the logs show 300 today"))
            // The calls today would have applied a lazy reset: the detail does not blame one.
            #expect(detail.hasSuffix("the daily reset has not been applied, though the calls since should have applied it "
                + "(a reset on some code paths only, or a reset job that did not run)"), "\(detail)")
            #expect(fixture.kinds(of: "eve") == ["drift:used"])
        }

        @Test("a frozen counter: an idle user's counter still holds the last day with use")
        func frozenCounter() throws {
            var fixture = ReconciliationFixture()
            fixture.use("frank", on: today.adding(days: -4), units: 1200)
            fixture.store("frank", used: 1200)
            let finding = try #require(fixture.findings().first)
            #expect(finding.kind == .staleReset)
            #expect(finding.detail.contains("the count of the day [2026-11-17, 2026-11-18) (no use since)"))
        }

        @Test("a skipped reset: yesterday's count plus today's is a stale reset (the cause and the fix are the reset's)")
        func skippedReset() throws {
            var fixture = ReconciliationFixture()
            fixture.use("gina", on: yesterday, units: 1000)
            fixture.use("gina", on: today, units: 200)
            fixture.store("gina", used: 1200)
            let finding = try #require(fixture.findings().first)
            #expect(finding.kind == .staleReset && finding.delta == 1000)
            #expect(finding.detail.contains("equals yesterday's 1,000 plus today's use: the daily reset was skipped"))
        }

        @Test("refused requests charged: the excess equals the 429s")
        func refusedCharged() {
            var fixture = ReconciliationFixture()
            fixture.use("hank", on: today, units: 100, rejected: 12)
            fixture.store("hank", used: 112)
            let drift = fixture.findings().first { $0.kind == .drift }
            #expect(drift?.detail.contains("12 more than served, the 12 refused requests (429): refused requests are charged") == true)
            // The same 429s under the limit are a finding of their own.
            #expect(fixture.kinds(of: "hank") == ["drift:used", "blocked_under_limit:limit"])
        }

        @Test("pass-through under-count: the counter stops at a soft limit while more was served")
        func passThrough() {
            var fixture = ReconciliationFixture()
            fixture.use("iris", on: today, units: 1480)
            fixture.store("iris", limit: .limit(1000), used: 1000, hard: false)
            let findings = fixture.findings()
            #expect(findings.map(\.kind) == [.drift])
            #expect(findings.first?.detail.contains("the counter stops at the limit 1,000 while 1,480 were served: 480 requests "
                + "past the limit served but not charged") == true)
        }

        @Test("a day counted in two billing cycles")
        func doubleCountedDay() throws {
            var fixture = ReconciliationFixture()
            fixture.asOf = fixture.instant(ReconciliationFixture.day(2027, 3, 10), 12)
            fixture.use("jo", on: ReconciliationFixture.day(2027, 2, 10), units: 500)
            fixture.use("jo", on: ReconciliationFixture.day(2027, 2, 27), units: 340, from: 8, to: 9)
            fixture.use("jo", on: ReconciliationFixture.day(2027, 3, 5), units: 1000)
            fixture.store("jo", scope: "geo", period: .billingCycle(day: 31), used: 1340)
            let finding = try #require(fixture.findings().first)
            #expect(finding.bucket == DayRange(start: ReconciliationFixture.day(2027, 2, 28), end: ReconciliationFixture.day(2027, 3, 31)))
            #expect(finding.kind == .drift && finding.recomputed == 1000)
            #expect(finding.detail.contains("the use of 2027-02-27, the last day of the previous billing cycle: that day is counted in two buckets"))
        }

        @Test("an N-day window the store dates and that ended before the snapshot is a stale reset")
        func expiredWindow() throws {
            var fixture = ReconciliationFixture()
            let start = ReconciliationFixture.day(2026, 10, 1)
            fixture.use("kim", on: ReconciliationFixture.day(2026, 10, 15), units: 700)
            fixture.use("kim", on: yesterday, units: 50)
            fixture.store("kim", scope: "geo", period: .days(30, anchor: LocalDay(number: 0)), used: 700, periodStart: start)
            let finding = try #require(fixture.findings().first)
            #expect(finding.kind == .staleReset)
            #expect(finding.bucket == DayRange(start: start, end: ReconciliationFixture.day(2026, 10, 31)))
            #expect(finding.recomputed == 50)
            #expect(finding.detail.contains("that ended on 2026-10-31"))
        }

        @Test("a dated N-day window is compared from its own start, not the anchor's framing")
        func datedWindow() {
            var fixture = ReconciliationFixture()
            let start = ReconciliationFixture.day(2026, 11, 10)
            fixture.use("kim", on: ReconciliationFixture.day(2026, 11, 9), units: 999)
            fixture.use("kim", on: ReconciliationFixture.day(2026, 11, 10), units: 100)
            fixture.use("kim", on: today, units: 20)
            fixture.store("kim", scope: "geo", period: .days(30, anchor: LocalDay(number: 0)), used: 120, periodStart: start)
            #expect(fixture.findings().isEmpty)
        }

        @Test("total regression: the lifetime total below what the logs alone prove")
        func totalRegression() throws {
            var fixture = ReconciliationFixture()
            for offset in 0..<7 { fixture.use("judy", on: today.adding(days: -offset), units: 100) }
            fixture.use("judy", scope: ReconciliationFixture.iso, on: today, units: 5)
            fixture.store("judy", used: 105, total: 650)
            fixture.store("judy", scope: "geo", used: 100, total: 700)
            let finding = try #require(fixture.findings().first)
            #expect(fixture.findings().count == 1)
            #expect(finding.kind == .totalRegression && finding.field == "total")
            #expect(finding.stored == 650 && finding.recomputed == 705 && finding.delta == -55)
            #expect(finding.detail.contains("since 2026-11-15"))
        }

        @Test("a lifetime total repeated on every period's row is checked once")
        func totalOncePerScope() {
            var fixture = ReconciliationFixture(quotas: [
                QuotaRule(scope: "all", period: .day, defaultLimit: -1),
                QuotaRule(scope: "all", period: .week, defaultLimit: -1),
            ])
            fixture.use("lee", on: today, units: 100)
            fixture.store("lee", used: 100, total: 10)
            fixture.store("lee", period: .week, used: 100, total: 10)
            #expect(fixture.kinds(of: "lee") == ["total_regression:total"])
        }

        @Test("a store with a row per bucket (dated by period_start): only the latest row is judged; the others are past buckets, not a reset never applied")
        func rowPerBucket() {
            var fixture = ReconciliationFixture()
            fixture.use("alice", on: yesterday, units: 30)
            fixture.use("alice", on: today, units: 40)
            fixture.store("alice", used: 30, periodStart: yesterday)
            fixture.store("alice", used: 35, periodStart: today)
            let findings = fixture.findings().filter { $0.user == "alice" }
            #expect(findings.map(\.kind) == [.drift], "\(findings)")
            #expect(findings.first?.origin == "profiles.csv:3" && findings.first?.stored == 35)
        }

        @Test("rows of evening snapshots (each read at its own moment) are each judged, not superseded by the latest")
        func eveningSnapshots() {
            var fixture = ReconciliationFixture()
            fixture.use("alice", on: yesterday, units: 60, from: 8, to: 18)
            fixture.use("alice", on: today, units: 40, from: 8, to: 18)
            fixture.store("alice", used: 20, snapshotAt: fixture.instant(yesterday, 23), periodStart: yesterday)
            fixture.store("alice", used: 40, snapshotAt: fixture.instant(today, 23), periodStart: today)
            let findings = fixture.findings().filter { $0.user == "alice" }
            #expect(findings.map(\.kind) == [.drift] && findings.first?.origin == "profiles.csv:2", "\(findings)")
        }

        @Test("a regressed total on a row read later is found even when an earlier row's equal total was fine")
        func laterRowRegressed() {
            var fixture = ReconciliationFixture(quotas: [
                QuotaRule(scope: "all", period: .day, defaultLimit: -1),
                QuotaRule(scope: "all", period: .week, defaultLimit: -1),
            ])
            fixture.use("lee", on: today, units: 150, from: 8, to: 10)
            fixture.store("lee", used: 0, total: 30, snapshotAt: fixture.instant(today, 7))
            fixture.store("lee", period: .week, used: 150, total: 30, snapshotAt: fixture.instant(today, 11))
            #expect(fixture.kinds(of: "lee").contains("total_regression:total"))
        }

        @Test("one lifetime total repeated on rows read a minute apart is one finding")
        func totalReadAtSeveralMoments() {
            var fixture = ReconciliationFixture(quotas: [
                QuotaRule(scope: "all", period: .day, defaultLimit: -1),
                QuotaRule(scope: "all", period: .week, defaultLimit: -1),
            ])
            fixture.use("lee", on: today, units: 100)
            fixture.store("lee", used: 100, total: 10, snapshotAt: fixture.asOf - 60)
            fixture.store("lee", period: .week, used: 100, total: 10, snapshotAt: fixture.asOf)
            #expect(fixture.kinds(of: "lee") == ["total_regression:total"])
        }

        @Test("rows of one user and scope with different totals are each checked, in either order",
              arguments: [false, true])
        func differingTotalsInEitherOrder(regressedFirst: Bool) {
            var fixture = ReconciliationFixture(quotas: [
                QuotaRule(scope: "all", period: .day, defaultLimit: -1),
                QuotaRule(scope: "all", period: .week, defaultLimit: -1),
            ])
            fixture.use("lee", on: today, units: 60)
            let rows: [(Period, Int64)] = [(.day, 60), (.week, 5)]
            for (period, total) in regressedFirst ? rows.reversed() : rows {
                fixture.store("lee", period: period, used: 60, total: total)
            }
            #expect(fixture.kinds(of: "lee") == ["total_regression:total"])
        }

        @Test("a snapshot read mid-day: use after it may or may not be counted, without hourly data")
        func snapshotWithinTheDay() throws {
            var fixture = ReconciliationFixture()
            fixture.use("kate", on: today, units: 500, from: 8, to: 18)
            fixture.store("kate", limit: .unlimited, used: 200, snapshotAt: fixture.instant(today, 12))
            fixture.store("kate", scope: "geo", period: .day, limit: .unlimited, used: 0, snapshotAt: fixture.instant(today, 7))
            #expect(fixture.findings().isEmpty)
            fixture.profiles[0].used = 600
            let finding = try #require(fixture.findings().first)
            #expect(finding.kind == .drift && finding.recomputed == 500 && finding.delta == 100)
            #expect(finding.detail.contains("logs show between 0 and 500 since 2026-11-21 00:00 +00:00 up to the snapshot at 2026-11-21 12:00 +00:00"))
        }

        @Test("use after the snapshot day is not part of the counter read at the snapshot")
        func useAfterSnapshot() {
            var fixture = ReconciliationFixture()
            fixture.use("lou", on: yesterday, units: 40)
            fixture.use("lou", on: today, units: 900)
            fixture.store("lou", scope: "all", period: .week, used: 40, snapshotAt: fixture.instant(yesterday, 23))
            #expect(fixture.findings().isEmpty)
        }
    }
}
