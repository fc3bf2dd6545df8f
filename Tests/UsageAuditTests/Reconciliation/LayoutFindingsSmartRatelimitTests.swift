import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    /// The `smart-ratelimit` layout end to end: a CSV export of django-smart-ratelimit's
    /// `django_smart_ratelimit_quota` table, audited in Europe/Berlin.
    ///
    /// Rows have keys `quota:user:42` (user `42`) or `quota:ip:…`, scope `""` (= `all`),
    /// periods `day`, `month` and a 7-day window written `7` (Django's int) or `7d`, and
    /// `period_start` as naive UTC times of the bucket's local midnight. A window the store
    /// has not moved on from (`period_start` a window ago) is a stale reset. The layout
    /// cannot express `total_regression`: it keeps no lifetime total.
    @Suite("Layout findings: smart-ratelimit (quota table CSV)")
    struct LayoutFindingsSmartRatelimitTests {
        /// One quota row.
        private struct Row {
            var key: String
            var scope = ""
            var limit: Int64?
            var used: Int64
            var period: String
            /// The first local day of the stored bucket.
            var start: LocalDay
        }

        private static let week = Period.days(7, anchor: LocalDay(CivilDate(year: 2026, month: 11, day: 2)))
        private static let users = (0..<24).map { "\(40 + $0)" } + ["ip:203.0.113.9"]

        /// Scopes `api` and `export`; hard quotas `all`/day 5000, `all`/month 100000 and
        /// `all`/7d (windows from Monday 2026-11-02) 20000.
        private static func scenario() -> LayoutFindingsScenario {
            var scenario = LayoutFindingsScenario(zone: "Europe/Berlin", scopes: ["api", "export"], quotas: [
                QuotaRule(scope: "all", period: .day, defaultLimit: 5000, hard: true),
                QuotaRule(scope: "all", period: .month, defaultLimit: 100_000, hard: true),
                QuotaRule(scope: "all", period: week, defaultLimit: 20000, hard: true),
            ])
            scenario.generate(users: users, seed: 43, maximum: [("api", 2000), ("export", 200)])
            return scenario
        }

        /// The key the decorator stores for `user`.
        private static func key(_ user: String) -> String {
            user.hasPrefix("ip:") ? "quota:" + user : "quota:user:\(user)"
        }

        /// Rows that agree with the logs: a day, a month and a 7-day row per user, dated by
        /// the current buckets; one user's day limit left empty (the quota default).
        private static func cleanRows(_ scenario: LayoutFindingsScenario, users: [String]) -> [Row] {
            var rows: [Row] = []
            for (number, user) in users.enumerated() {
                let today = scenario.today
                rows.append(Row(
                    key: key(user), limit: number == 4 ? nil : Int64(5000 + 3000 * (number % 2)),
                    used: scenario.units(user, currentBucketOf: .day), period: "day", start: today))
                rows.append(Row(
                    key: key(user), limit: 100_000, used: scenario.units(user, currentBucketOf: .month), period: "month",
                    start: Period.month.bucket(containing: today).start))
                rows.append(Row(
                    key: key(user), limit: 20000, used: scenario.units(user, currentBucketOf: week),
                    period: number % 2 == 0 ? "7" : "7d", start: week.bucket(containing: today).start))
            }
            return rows
        }

        /// Writes `rows` as the table's CSV export; returns the source and each row's origin.
        private static func write(
            _ rows: [Row], _ scenario: LayoutFindingsScenario, in folder: TemporaryFolder
        ) throws -> (String, [String]) {
            var text = "id,key,scope,used,limit,period,period_start,reset_at,updated_at\n"
            for (position, row) in rows.enumerated() {
                let start = scenario.calendar.startOfDay(row.start)
                let length = row.period == "day" ? 1 : row.period == "month" ? 30 : 7
                let fields = [
                    "\(position + 1)", row.key, row.scope, "\(row.used)", row.limit.map(String.init) ?? "", row.period,
                    LayoutFindingsScenario.naiveUTC(start),
                    LayoutFindingsScenario.naiveUTC(scenario.calendar.startOfDay(row.start.adding(days: length))),
                    LayoutFindingsScenario.naiveUTC(scenario.asOf - 3600),
                ]
                text += fields.joined(separator: ",") + "\n"
            }
            try folder.write(text, to: "quota.csv")
            return ("quota.csv", rows.indices.map { "quota.csv:\($0 + 2)" })
        }

        @Test("a smart-ratelimit store that agrees with generated use: no finding")
        func cleanStore() throws {
            let scenario = Self.scenario()
            let folder = try TemporaryFolder("layout-findings-smart")
            let rows = Self.cleanRows(scenario, users: Self.users)
            let (source, _) = try Self.write(rows, scenario, in: folder)
            let (profiles, findings) = try scenario.reconcile(source, in: folder)
            #expect(profiles.count == rows.count)
            #expect(Set(profiles.map(\.user)) == Set(Self.users))
            #expect(profiles.filter { $0.period == Self.week }.count == Self.users.count)
            #expect(findings.isEmpty, "\(findings.map(\.detail))")
        }

        @Test("every finding kind planted in a smart-ratelimit store is found exactly there")
        func plantedFaults() throws {
            var scenario = Self.scenario()
            let today = scenario.today
            // The day row was not reset: no call today, the row is still yesterday's.
            scenario.clear("42", on: today)
            scenario.set("42", scope: "api", on: scenario.yesterday, units: 4812)
            scenario.set("46", scope: "api", on: today, units: 6000)
            scenario.set("47", scope: "api", on: today, units: 300, rejected: 4)

            var rows = Self.cleanRows(scenario, users: Self.users.filter { $0 != "43" })
            func row(_ user: String, _ period: String) -> Int {
                rows.firstIndex { $0.key == "quota:user:\(user)" && ($0.period == period || period == "7d" && $0.period == "7") }!
            }
            rows[row("41", "month")].used -= 17
            rows[row("42", "day")].used = scenario.units("42", on: scenario.yesterday)
            rows[row("42", "day")].start = scenario.yesterday
            // The 7-day row still holds the window of 2026-11-09: it was not moved on.
            let lastWindow = DayRange(start: today.adding(days: -12), end: today.adding(days: -5))
            rows[row("44", "7d")].used = scenario.units("44", in: lastWindow)
            rows[row("44", "7d")].start = lastWindow.start
            rows[row("46", "day")].limit = 5000
            rows.append(Row(key: "quota:user:99", limit: 5000, used: 12, period: "day", start: today))
            rows.append(Row(key: "quota:user:99", limit: 100_000, used: 40, period: "month", start: today.adding(days: -20)))
            rows.append(Row(key: "quota:user:99", limit: 20000, used: 20, period: "7d", start: today.adding(days: -5)))
            rows.append(Row(key: "quota:user:48", scope: "exports", limit: 100, used: 3, period: "day", start: today))

            let folder = try TemporaryFolder("layout-findings-smart")
            let (source, origins) = try Self.write(rows, scenario, in: folder)
            func origin(_ user: String, _ period: String) -> String { origins[row(user, period)] }
            var expected: Set<LayoutFindingsSignature> = [
                .init("41", .drift, period: "month", origin: origin("41", "month")),
                .init("42", .staleReset, period: "day", origin: origin("42", "day")),
                .init("44", .staleReset, period: "7d", origin: origin("44", "7d")),
                .init("46", .overLimitServed, period: "day", origin: origin("46", "day")),
                .init("48", .unknownScope, scope: "exports", period: "day", origin: origins[rows.count - 1]),
            ]
            for period in ["day", "month", "7d"] {
                expected.insert(.init("43", .missingProfile, period: period, origin: ""))
                expected.insert(.init("99", .orphanProfile, period: period, origin: origin("99", period)))
                expected.insert(.init("47", .blockedUnderLimit, period: period, origin: origin("47", period)))
            }
            let (profiles, findings) = try scenario.reconcile(source, in: folder)
            #expect(profiles.count == rows.count)
            LayoutFindingsSignature.expect(findings, equal: expected)
            let expired = findings.first { $0.user == "44" }
            #expect(expired?.bucket == lastWindow)
            #expect(expired?.stored == scenario.units("44", in: lastWindow))
        }
    }
}
