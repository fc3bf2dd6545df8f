import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    /// The `waldur` layout end to end: a JSON array of the chat service's usage objects
    /// (`daily_*`, `weekly_*`, `monthly_*` limits and usage, one object per user).
    ///
    /// Each object gives three counters of scope `all` (day, ISO week, month); limits are
    /// `null` (the system default, or the quota default), `-1` unlimited, `0` blocks, N.
    /// The layout cannot express `total_regression` (it keeps no lifetime total) nor
    /// `unknown_scope` (it has no scope: every counter is `all`).
    @Suite("Layout findings: waldur (usage JSON)")
    struct LayoutFindingsWaldurTests {
        /// One user's usage object; a nil limit is written as `null`.
        private struct Record {
            var user: String
            var dailyLimit: Int64?
            var dailyUsage: Int64
            var weeklyLimit: Int64?
            var weeklyUsage: Int64
            var monthlyLimit: Int64?
            var monthlyUsage: Int64
            /// `daily_system_default`, written only when set.
            var dailySystemDefault: Int64? = nil
        }

        private static let users = (0..<24).map { "member-\($0)" }

        /// Scopes `chat` and `embeddings`; hard quotas `all`/day 5000, week 30000, month 100000.
        private static func scenario() -> LayoutFindingsScenario {
            var scenario = LayoutFindingsScenario(scopes: ["chat", "embeddings"], quotas: [
                QuotaRule(scope: "all", period: .day, defaultLimit: 5000, hard: true),
                QuotaRule(scope: "all", period: .week, defaultLimit: 30000, hard: true),
                QuotaRule(scope: "all", period: .month, defaultLimit: 100_000, hard: true),
            ])
            scenario.generate(users: users, seed: 23, maximum: [("chat", 2000), ("embeddings", 500)])
            return scenario
        }

        /// Usage objects that agree with the logs, with every limit convention: `null` (with
        /// and without a system default), `-1` and explicit limits above the use.
        private static func cleanRecords(_ scenario: LayoutFindingsScenario, users: [String]) -> [Record] {
            let daily: [Int64?] = [nil, -1, 8000, nil]
            let weekly: [Int64?] = [nil, 40000, -1]
            let monthly: [Int64?] = [nil, -1, 200_000]
            return users.enumerated().map { number, user in
                Record(
                    user: user, dailyLimit: daily[number % 4], dailyUsage: scenario.units(user, currentBucketOf: .day),
                    weeklyLimit: weekly[number % 3], weeklyUsage: scenario.units(user, currentBucketOf: .week),
                    monthlyLimit: monthly[number % 3], monthlyUsage: scenario.units(user, currentBucketOf: .month),
                    dailySystemDefault: number % 4 == 3 ? 6000 : nil)
            }
        }

        /// Writes `records` as `usage.json`; returns the source and each record's origin.
        private static func write(_ records: [Record], in folder: TemporaryFolder) throws -> (String, [String]) {
            func json(_ value: Int64?) -> String { value.map(String.init) ?? "null" }
            let objects = records.map { record in
                "{\"username\": \"\(record.user)\", "
                    + "\"daily_limit\": \(json(record.dailyLimit)), \"daily_usage\": \(record.dailyUsage), "
                    + "\"weekly_limit\": \(json(record.weeklyLimit)), \"weekly_usage\": \(record.weeklyUsage), "
                    + "\"monthly_limit\": \(json(record.monthlyLimit)), \"monthly_usage\": \(record.monthlyUsage)"
                    + (record.dailySystemDefault.map { ", \"daily_system_default\": \($0)" } ?? "") + "}"
            }
            try folder.write("[\n" + objects.joined(separator: ",\n") + "\n]\n", to: "usage.json")
            return ("usage.json", records.indices.map { "usage.json[\($0)]" })
        }

        @Test("a waldur store that agrees with generated use: no finding")
        func cleanStore() throws {
            let scenario = Self.scenario()
            let folder = try TemporaryFolder("layout-findings-waldur")
            let records = Self.cleanRecords(scenario, users: Self.users)
            let (source, _) = try Self.write(records, in: folder)
            let (profiles, findings) = try scenario.reconcile(source, in: folder)
            #expect(profiles.count == 3 * records.count)
            #expect(findings.isEmpty, "\(findings.map(\.detail))")
        }

        @Test("every finding kind planted in a waldur store is found exactly there")
        func plantedFaults() throws {
            var scenario = Self.scenario()
            let today = scenario.today
            // The daily counter was not reset: no use today, the count is yesterday's.
            scenario.clear("member-2", on: today)
            scenario.set("member-2", scope: "chat", on: scenario.yesterday, units: 4812)
            scenario.set("member-6", scope: "chat", on: today, units: 6000)
            scenario.set("member-7", scope: "chat", on: today, units: 300, rejected: 4)

            var records = Self.cleanRecords(scenario, users: Self.users.filter { $0 != "member-3" })
            func record(_ user: String) -> Int { records.firstIndex { $0.user == user }! }
            records[record("member-1")].weeklyUsage -= 17
            records[record("member-2")].dailyUsage = scenario.units("member-2", on: scenario.yesterday)
            records[record("member-6")].dailyLimit = 5000
            records.append(Record(
                user: "ghost-7", dailyLimit: nil, dailyUsage: 12, weeklyLimit: nil, weeklyUsage: 40,
                monthlyLimit: nil, monthlyUsage: 90))

            let folder = try TemporaryFolder("layout-findings-waldur")
            let (source, origins) = try Self.write(records, in: folder)
            func origin(_ user: String) -> String { origins[record(user)] }
            var expected: Set<LayoutFindingsSignature> = [
                .init("member-1", .drift, period: "week", origin: origin("member-1")),
                .init("member-2", .staleReset, period: "day", origin: origin("member-2")),
                .init("member-6", .overLimitServed, period: "day", origin: origin("member-6")),
            ]
            for period in ["day", "week", "month"] {
                // A missing or orphan record is three counters; the refusals were under all three limits.
                expected.insert(.init("member-3", .missingProfile, period: period, origin: ""))
                expected.insert(.init("ghost-7", .orphanProfile, period: period, origin: origin("ghost-7")))
                expected.insert(.init("member-7", .blockedUnderLimit, period: period, origin: origin("member-7")))
            }
            let (profiles, findings) = try scenario.reconcile(source, in: folder)
            #expect(profiles.count == 3 * records.count)
            LayoutFindingsSignature.expect(findings, equal: expected)
            #expect(findings.first { $0.kind == .drift }?.delta == -17)
            #expect(findings.first { $0.kind == .overLimitServed }?.stored == 5000)
        }
    }
}
