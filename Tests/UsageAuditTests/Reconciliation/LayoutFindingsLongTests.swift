import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    /// The `long` layout end to end, as a CSV file and as a JSON array: a store written in
    /// it for generated use is read by `ProfileStore.load` and reconciled. The layout can
    /// express every finding kind: any scope and period, a lifetime `total`, `limit`
    /// (`-1` unlimited, empty = the quota default) and `hard`.
    @Suite("Layout findings: long (CSV and JSON)")
    struct LayoutFindingsLongTests {
        enum Format: String, CaseIterable, Sendable {
            case csv, json
        }

        /// One row of the store.
        private struct Row {
            var user: String
            var scope: String
            var period: String
            var limit: Int64? = nil
            var used: Int64?
            var total: Int64? = nil
            var hard: Bool? = nil
            var snapshotAt: String? = nil
            var blockPrice: Double? = nil
        }

        private static let users = (0..<24).map { $0 < 10 ? "user0\($0)" : "user\($0)" }

        /// Scopes `geo` and `iso`; quotas `all`/day (5000, hard), `geo`/week (25000, hard)
        /// and `iso`/month (2000, soft); use below all of them.
        private static func scenario() -> LayoutFindingsScenario {
            var scenario = LayoutFindingsScenario(scopes: ["geo", "iso"], quotas: [
                QuotaRule(scope: "all", period: .day, defaultLimit: 5000, hard: true),
                QuotaRule(scope: "geo", period: .week, defaultLimit: 25000, hard: true),
                QuotaRule(scope: "iso", period: .month, defaultLimit: 2000, hard: false, blockPrice: 1500),
            ])
            scenario.generate(users: users, seed: 7, maximum: [("geo", 2000), ("iso", 40)])
            return scenario
        }

        /// The rows of a store that agrees with the logs: one per quota, with lifetime totals
        /// that include use from before the logs, limits empty, explicit or unlimited, and
        /// snapshot times empty (the audit moment) or written in UTC or with an offset.
        private static func cleanRows(_ scenario: LayoutFindingsScenario, users: [String]) -> [Row] {
            let limits: [Int64?] = [nil, 8000, -1, 5000]
            var rows: [Row] = []
            for (number, user) in users.enumerated() {
                let history = Int64(number * 997 % 5000)
                let snapshot = [nil, "2026-11-21T23:59:59Z", "2026-11-22T00:59:59+01:00"][number % 3]
                rows.append(Row(
                    user: user, scope: "all", period: "day", limit: limits[number % 4],
                    used: scenario.units(user, currentBucketOf: .day), total: scenario.lifetime(user) + history,
                    hard: number % 5 == 0 ? true : nil, snapshotAt: snapshot))
                let week = scenario.units(user, scope: "geo", currentBucketOf: .week)
                rows.append(Row(user: user, scope: "geo", period: "week", used: week))
                rows.append(Row(
                    user: user, scope: "iso", period: "month", used: scenario.units(user, scope: "iso", currentBucketOf: .month),
                    total: scenario.lifetime(user, scope: "iso") + history / 10, hard: false, blockPrice: 1500))
            }
            return rows
        }

        /// Writes `rows` in `format`; returns the `--profiles` source and each row's origin.
        private static func write(_ rows: [Row], as format: Format, in folder: TemporaryFolder) throws -> (String, [String]) {
            func cell(_ value: Int64?) -> String { value.map(String.init) ?? "" }
            func json(_ value: Int64?) -> String { value.map(String.init) ?? "null" }
            switch format {
            case .csv:
                var text = "user,scope,period,limit,used,total,hard,snapshot_at,block_price\n"
                for row in rows {
                    let fields = [
                        row.user, row.scope, row.period, cell(row.limit), cell(row.used), cell(row.total),
                        row.hard.map { $0 ? "true" : "false" } ?? "", row.snapshotAt ?? "", row.blockPrice.map { "\($0)" } ?? "",
                    ]
                    text += fields.joined(separator: ",") + "\n"
                }
                try folder.write(text, to: "profiles.csv")
                return ("profiles.csv", rows.indices.map { "profiles.csv:\($0 + 2)" })
            case .json:
                let objects = rows.map { row in
                    "{\"user\": \"\(row.user)\", \"scope\": \"\(row.scope)\", \"period\": \"\(row.period)\", "
                        + "\"limit\": \(json(row.limit)), \"used\": \(json(row.used)), \"total\": \(json(row.total)), "
                        + "\"hard\": \(row.hard.map { $0 ? "true" : "false" } ?? "null"), "
                        + "\"snapshot_at\": \(row.snapshotAt.map { "\"\($0)\"" } ?? "null"), "
                        + "\"block_price\": \(row.blockPrice.map { "\($0)" } ?? "null")}"
                }
                try folder.write("[\n" + objects.joined(separator: ",\n") + "\n]\n", to: "profiles.json")
                return ("profiles.json", rows.indices.map { "profiles.json[\($0)]" })
            }
        }

        @Test("a long store that agrees with generated use: no finding", arguments: Format.allCases)
        func cleanStore(format: Format) throws {
            let scenario = Self.scenario()
            let folder = try TemporaryFolder("layout-findings-long")
            let rows = Self.cleanRows(scenario, users: Self.users)
            let (source, _) = try Self.write(rows, as: format, in: folder)
            let (profiles, findings) = try scenario.reconcile(source, in: folder)
            #expect(profiles.count == rows.count)
            #expect(findings.isEmpty, "\(findings.map(\.detail))")
        }

        @Test("every finding kind planted in a long store is found exactly there", arguments: Format.allCases)
        func plantedFaults(format: Format) throws {
            var scenario = Self.scenario()
            let today = scenario.today
            // Faults in the traffic first: the clean rows are computed from it.
            scenario.set("user01", scope: "geo", on: today, units: 1234)
            scenario.clear("user02", on: today)
            scenario.set("user02", scope: "geo", on: scenario.yesterday, units: 4812)
            scenario.set("user06", scope: "geo", on: today, units: 6000)
            scenario.set("user07", scope: "geo", on: today, units: 300, rejected: 4)

            // user03's profiles were never created.
            var rows = Self.cleanRows(scenario, users: Self.users.filter { $0 != "user03" })
            func row(_ user: String, _ scope: String = "all") -> Int { rows.firstIndex { $0.user == user && $0.scope == scope }! }
            rows[row("user01")].used! -= 17
            rows[row("user02")].used = scenario.units("user02", on: scenario.yesterday)
            rows[row("user05")].total = scenario.lifetime("user05") - 5
            rows[row("user06")].limit = 5000
            rows[row("user06")].hard = true
            rows.append(Row(user: "ghost-7", scope: "all", period: "day", used: 12, total: 12))
            rows.append(Row(user: "ghost-7", scope: "iso", period: "month", used: 3))
            rows.append(Row(user: "user08", scope: "exports", period: "month", used: 3))

            let folder = try TemporaryFolder("layout-findings-long")
            let (source, origins) = try Self.write(rows, as: format, in: folder)
            func origin(_ user: String, _ scope: String = "all") -> String {
                origins[rows.lastIndex { $0.user == user && $0.scope == scope }!]
            }
            var expected: Set<LayoutFindingsSignature> = [
                .init("user01", .drift, period: "day", origin: origin("user01")),
                .init("user02", .staleReset, period: "day", origin: origin("user02")),
                .init("user03", .missingProfile, period: "day", origin: ""),
                .init("user03", .missingProfile, scope: "geo", period: "week", origin: ""),
                .init("ghost-7", .orphanProfile, period: "day", origin: origin("ghost-7")),
                .init("ghost-7", .orphanProfile, scope: "iso", period: "month", origin: origin("ghost-7", "iso")),
                .init("user05", .totalRegression, period: "day", origin: origin("user05")),
                .init("user06", .overLimitServed, period: "day", origin: origin("user06")),
                // The refusals were under the day's limit and under the week's.
                .init("user07", .blockedUnderLimit, period: "day", origin: origin("user07")),
                .init("user07", .blockedUnderLimit, scope: "geo", period: "week", origin: origin("user07", "geo")),
                .init("user08", .unknownScope, scope: "exports", period: "month", origin: origin("user08", "exports")),
            ]
            if scenario.hasTraffic("user03", scope: "iso", in: Period.month.bucket(containing: today)) {
                expected.insert(.init("user03", .missingProfile, scope: "iso", period: "month", origin: ""))
            }
            let (profiles, findings) = try scenario.reconcile(source, in: folder)
            #expect(profiles.count == rows.count)
            LayoutFindingsSignature.expect(findings, equal: expected)
            let stale = findings.first { $0.kind == .staleReset }
            #expect(stale?.stored == 4812 + scenario.units("user02", scope: "iso", on: scenario.yesterday))
            #expect(findings.first { $0.kind == .drift }?.delta == -17)
            #expect(findings.first { $0.kind == .totalRegression }?.delta == -5)
        }
    }
}
