import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    /// carto counts each user's services in billing cycles from the user's own
    /// `period_end_date` (`month@14`), while a configuration usually writes its monthly quota
    /// as calendar months (or cycles from another day). The two are one counter: the user's
    /// profile frames it, and the quota's calendar months carry no second limit for that
    /// user in reconciliation, detection and advice.
    @Suite("Layout findings: a carto cycle beside a quota of calendar months")
    struct LayoutFindingsCartoFramingTests {
        private static let cycle = Period.billingCycle(day: 14)

        /// `tour` holds a custom 100 a cycle (hard) and uses far more; `plain` has no profile
        /// and stays under the quota's 60,000 a calendar month.
        private static func audit() throws -> (
            scenario: LayoutFindingsScenario, profiles: [StoredProfile], findings: [ReconciliationFinding]
        ) {
            var scenario = LayoutFindingsScenario(scopes: ["geocoding"], quotas: [
                QuotaRule(scope: "geocoding", period: .month, defaultLimit: 60000, hard: true),
            ])
            scenario.generate(users: ["tour", "plain"], seed: 7, maximum: [("geocoding", 40)])
            let used = scenario.units("tour", scope: "geocoding", currentBucketOf: cycle)
            let folder = try TemporaryFolder("carto-framing")
            try folder.write("""
                [{"username": "tour", "period_end_date": "2026-12-14",
                  "geocoding": {"quota": 100, "monthly_use": \(used), "hard_limit": true}}]
                """, to: "users.json")
            let (profiles, findings) = try scenario.reconcile("users.json", in: folder)
            return (scenario, profiles, findings)
        }

        @Test("the profile's cycle is the user's counter: its limit is checked there, not in calendar months")
        func reconciliation() throws {
            let (scenario, profiles, findings) = try Self.audit()
            #expect(profiles.map(\.period) == [Self.cycle])
            let tour = findings.filter { $0.user == "tour" }
            #expect(tour.contains { $0.kind == .overLimitServed && $0.period == Self.cycle }, "\(tour)")
            #expect(!tour.contains { $0.period == .month }, "\(tour)")
            // Every bucket admitted (a backfill): the earlier cycle is judged too, in the
            // user's framing, and no calendar month.
            let earlier = Self.cycle.bucket(containing: Self.cycle.bucket(containing: scenario.today).start.adding(days: -1))
            #expect(scenario.units("tour", scope: "geocoding", in: earlier) > 100)
            let all = Reconciler(configuration: scenario.configuration)
                .findings(profiles: profiles, usage: scenario.usage, asOf: scenario.asOf, calendar: scenario.calendar, includes: { _, _ in true })
                .filter { $0.user == "tour" && $0.kind == .overLimitServed }
            #expect(all.contains { $0.bucket == earlier && $0.period == Self.cycle }, "\(all)")
            #expect(!all.contains { $0.period == .month }, "\(all)")
            let limits = LimitResolver(profiles: profiles, configuration: scenario.configuration)
            #expect(limits.limit(user: "tour", scope: "geocoding", period: .month).reportedLimit == nil)
            #expect(limits.limit(user: "plain", scope: "geocoding", period: .month).reportedLimit == 60000)
        }

        @Test("detection judges the user's cycle of the judged days with the profile's limit, once")
        func detection() throws {
            let (scenario, profiles, _) = try Self.audit()
            let limits = LimitResolver(profiles: profiles, configuration: scenario.configuration)
            let days = (0..<3).map { scenario.today.adding(days: -$0) }
            let anomalies = AnomalyDetector(configuration: scenario.configuration, limits: limits, calendar: scenario.calendar)
                .anomalies(
                    usage: scenario.usage, hourly: HourlyUsage(), window: ReportWindow(asOfDay: scenario.today, touchedDays: days),
                    asOf: scenario.asOf)
                .filter { $0.kind == .limitReached || $0.kind == .nearLimit }
            let current = Self.cycle.bucket(containing: scenario.today)
            let tour = anomalies.filter { $0.user == "tour" && $0.scope == "geocoding" }
            #expect(tour.map(\.period) == [Self.cycle], "\(tour)")
            #expect(tour.first?.bucket == current && tour.first?.limit == 100)
            #expect(tour.first?.observed == scenario.units("tour", scope: "geocoding", in: current))
            #expect(!anomalies.contains { $0.user == "plain" }, "\(anomalies)")
        }

        @Test("usage.csv rows are in the user's cycles, with the profile's limit; other users keep the quota's months")
        func usageRows() throws {
            let (scenario, profiles, _) = try Self.audit()
            let limits = LimitResolver(profiles: profiles, configuration: scenario.configuration)
            let window = ReportWindow(asOfDay: scenario.today, touchedDays: [scenario.today])
            let rows = UsageRows(rollingUp: scenario.usage, configuration: scenario.configuration, window: window, limits: limits).all
            let tour = rows.filter { $0.user == "tour" && $0.scope == "geocoding" && $0.period.isMonthly }
            let current = Self.cycle.bucket(containing: scenario.today)
            #expect(tour.map(\.period) == [Self.cycle] && tour.first?.bucket == current, "\(tour)")
            #expect(tour.first?.counts.units == scenario.units("tour", scope: "geocoding", in: current))
            #expect(limits.reportedLimit(for: try #require(tour.first)) == 100)
            let plain = rows.filter { $0.user == "plain" && $0.scope == "geocoding" && $0.period.isMonthly }
            #expect(plain.map(\.period) == [.month], "\(plain)")
        }

        @Test("a quota of the user's cycle beside a quota of calendar months: each cycle is rolled up and judged once")
        func quotaOfTheCycleToo() throws {
            var scenario = LayoutFindingsScenario(scopes: ["geocoding"], quotas: [
                QuotaRule(scope: "geocoding", period: Self.cycle, defaultLimit: 60000, hard: true),
                QuotaRule(scope: "geocoding", period: .month, defaultLimit: 60000, hard: true),
            ])
            scenario.generate(users: ["tour"], seed: 7, maximum: [("geocoding", 40)])
            let profiles = [StoredProfile(user: "tour", scope: "geocoding", period: Self.cycle, limit: .limit(100), origin: "p")]
            let limits = LimitResolver(profiles: profiles, configuration: scenario.configuration)
            let window = ReportWindow(asOfDay: scenario.today, touchedDays: [scenario.today])
            let rows = UsageRows(rollingUp: scenario.usage, configuration: scenario.configuration, window: window, limits: limits).all
                .filter { $0.scope == "geocoding" && $0.period.isMonthly }
            #expect(rows.map(\.period) == [Self.cycle], "\(rows)")
            let anomalies = AnomalyDetector(configuration: scenario.configuration, limits: limits, calendar: scenario.calendar)
                .anomalies(usage: scenario.usage, hourly: HourlyUsage(), window: window, asOf: scenario.asOf)
                .filter { $0.kind == .limitReached || $0.kind == .nearLimit }
            #expect(anomalies.map(\.period) == [Self.cycle], "\(anomalies)")
        }

        @Test("one piece of advice for the one counter, in the profile's cycles")
        func advice() throws {
            let (scenario, profiles, _) = try Self.audit()
            let limits = LimitResolver(profiles: profiles, configuration: scenario.configuration)
            let advice = LimitRecommender(configuration: scenario.configuration, limits: limits, calendar: scenario.calendar)
                .recommendations(usage: scenario.usage, profiles: profiles, asOf: scenario.asOf, includeKeep: true)
                .filter { $0.user == "tour" && $0.scope == "geocoding" }
            #expect(advice.map(\.period) == [Self.cycle], "\(advice)")
            #expect(advice.first?.action == .raise)
            // The quota's default is the cycle's too: 100 is the user's own value.
            #expect(advice.first?.reason.contains("the custom 100 limit") == true, "\(advice)")
        }
    }
}
