import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    /// Each store's own limit conventions, read from its file, must reach the findings:
    /// the gazetteer's `daily_limit = 0` is unlimited, the chat service's `0` blocks every
    /// token and `-1` is unlimited, the geo platform's quota 0 (or none) means the service
    /// is not activated, the long layout's `-1` is unlimited and `0` allows nothing.
    /// Every stored counter here agrees with the logs, so only limit findings can appear.
    @Suite("Layout findings: limit conventions reach the findings")
    struct LayoutFindingsLimitConventionTests {
        private static let dailyQuota = QuotaRule(scope: "all", period: .day, defaultLimit: 5000, hard: true)

        @Test("whg: daily_limit 0 is unlimited however high the use; negative blocks; empty is the default")
        func gazetteerLimits() throws {
            var scenario = LayoutFindingsScenario(scopes: ["places"], quotas: [Self.dailyQuota])
            let today = scenario.today
            scenario.set("heavy", scope: "places", on: today, units: 1_000_000)
            scenario.set("refused", scope: "places", on: today, units: 10, rejected: 2)
            scenario.set("negative", scope: "places", on: today, units: 3)
            scenario.set("default", scope: "places", on: today, units: 6000)
            let folder = try TemporaryFolder("layout-findings-limits")
            try folder.write("""
                user,daily_count,daily_limit,total_count
                heavy,1000000,0,1000000
                refused,10,0,10
                negative,3,-1,3
                default,6000,,6000

                """, to: "whg.csv")
            let (profiles, findings) = try scenario.reconcile("whg.csv", in: folder)
            #expect(profiles.map(\.limit) == [.unlimited, .unlimited, .limit(0), .useDefault])
            LayoutFindingsSignature.expect(findings, equal: [
                // Refusals under no limit at all are refusals under the limit.
                .init("refused", .blockedUnderLimit, period: "day", origin: "whg.csv:3"),
                .init("negative", .overLimitServed, period: "day", origin: "whg.csv:4"),
                .init("default", .overLimitServed, period: "day", origin: "whg.csv:5"),
            ])
            #expect(findings.first { $0.user == "refused" }?.stored == -1)
            #expect(findings.first { $0.user == "negative" }?.stored == 0)
            #expect(findings.first { $0.user == "default" }?.stored == 5000)
        }

        @Test("waldur: 0 makes every served token over the limit, -1 and a -1 system default are unlimited")
        func chatServiceLimits() throws {
            var scenario = LayoutFindingsScenario(scopes: ["chat"], quotas: [
                Self.dailyQuota,
                QuotaRule(scope: "all", period: .week, defaultLimit: 30000, hard: true),
                QuotaRule(scope: "all", period: .month, defaultLimit: 100_000, hard: true),
            ])
            let today = scenario.today
            scenario.set("blocked", scope: "chat", on: today, units: 7)
            scenario.set("unlimited", scope: "chat", on: today, units: 1_000_000)
            scenario.set("system", scope: "chat", on: today, units: 50000)
            let folder = try TemporaryFolder("layout-findings-limits")
            try folder.write("""
                [{"username": "blocked", "daily_limit": 0, "daily_usage": 7, "weekly_limit": -1, "weekly_usage": 7,
                  "monthly_limit": 0, "monthly_usage": 7},
                 {"username": "unlimited", "daily_limit": -1, "daily_usage": 1000000, "weekly_limit": -1,
                  "weekly_usage": 1000000, "monthly_limit": -1, "monthly_usage": 1000000},
                 {"username": "system", "daily_limit": null, "daily_system_default": -1, "daily_usage": 50000,
                  "weekly_limit": null, "weekly_system_default": -1, "weekly_usage": 50000,
                  "monthly_limit": -1, "monthly_usage": 50000}]
                """, to: "usage.json")
            let (profiles, findings) = try scenario.reconcile("usage.json", in: folder)
            #expect(profiles.count == 9)
            LayoutFindingsSignature.expect(findings, equal: [
                .init("blocked", .overLimitServed, period: "day", origin: "usage.json[0]"),
                .init("blocked", .overLimitServed, period: "month", origin: "usage.json[0]"),
            ])
            #expect(findings.allSatisfy { $0.stored == 0 && $0.recomputed == 7 })
        }

        @Test("carto: quota 0 or no quota is a service not activated; a soft limit is never over-limit-served")
        func geoPlatformLimits() throws {
            var scenario = LayoutFindingsCartoTests.configuredScenario()
            let today = scenario.today
            scenario.set("inactive", scope: "geocoding", on: today, units: 4)
            scenario.set("unset", scope: "geocoding", on: today, units: 2)
            scenario.set("soft", scope: "isolines", on: today, units: 25)
            typealias Service = LayoutFindingsCartoTests.Service
            let records = [
                ("inactive", LayoutFindingsCartoTests.block("geocoding", Service(quota: 0, monthlyUse: 4, hardLimit: true))),
                ("unset", LayoutFindingsCartoTests.block("geocoding", Service(quota: nil, monthlyUse: 2, hardLimit: true))),
                ("soft", LayoutFindingsCartoTests.block("here_isolines", Service(quota: 10, monthlyUse: 25, hardLimit: false))),
            ]
            let text = records.map { "{\"username\": \"\($0.0)\", \"period_end_date\": \"2026-12-14\", \($0.1)}" }
            let folder = try TemporaryFolder("layout-findings-limits")
            try folder.write("[" + text.joined(separator: ",\n") + "]", to: "users.json")
            let (_, findings) = try scenario.reconcile("users.json", in: folder)
            LayoutFindingsSignature.expect(findings, equal: [
                .init("inactive", .overLimitServed, scope: "geocoding", period: "month@14", origin: "users.json[0]"),
                .init("unset", .overLimitServed, scope: "geocoding", period: "month@14", origin: "users.json[1]"),
            ])
            #expect(findings.allSatisfy { $0.stored == 0 })
        }

        @Test("long: -1 is unlimited however high the use, 0 allows nothing, empty is the default")
        func longLimits() throws {
            var scenario = LayoutFindingsScenario(scopes: ["geo"], quotas: [Self.dailyQuota])
            let today = scenario.today
            scenario.set("unlimited", scope: "geo", on: today, units: 1_000_000)
            scenario.set("nothing", scope: "geo", on: today, units: 1)
            scenario.set("default", scope: "geo", on: today, units: 5001)
            let folder = try TemporaryFolder("layout-findings-limits")
            try folder.write("""
                user,scope,period,limit,used
                unlimited,all,day,-1,1000000
                nothing,all,day,0,1
                default,all,day,,5001

                """, to: "profiles.csv")
            let (_, findings) = try scenario.reconcile("profiles.csv", in: folder)
            LayoutFindingsSignature.expect(findings, equal: [
                .init("nothing", .overLimitServed, period: "day", origin: "profiles.csv:3"),
                .init("default", .overLimitServed, period: "day", origin: "profiles.csv:4"),
            ])
        }

        @Test("smart-ratelimit: limit 0 refuses everything, so any use was served over it")
        func djangoQuotaLimits() throws {
            var scenario = LayoutFindingsScenario(scopes: ["api"], quotas: [Self.dailyQuota])
            scenario.set("42", scope: "api", on: scenario.today, units: 1)
            scenario.set("43", scope: "api", on: scenario.today, units: 4999)
            let folder = try TemporaryFolder("layout-findings-limits")
            try folder.write("""
                key,scope,limit,used,period,period_start
                quota:user:42,,0,1,day,2026-11-21T00:00:00Z
                quota:user:43,,,4999,day,2026-11-21T00:00:00Z

                """, to: "quota.csv")
            let (_, findings) = try scenario.reconcile("quota.csv", in: folder)
            LayoutFindingsSignature.expect(findings, equal: [
                .init("42", .overLimitServed, period: "day", origin: "quota.csv:2"),
            ])
        }
    }
}
