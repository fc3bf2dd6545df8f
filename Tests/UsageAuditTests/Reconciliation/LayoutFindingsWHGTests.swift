import Foundation
import GRDB
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    /// The `whg` layout end to end: the gazetteer's admin CSV export (user names) and its
    /// Django table `api_userapiprofile` in SQLite (numeric `user_id`s), made with GRDB.
    ///
    /// The layout holds one counter per user, scope `all`, period `day`, with a lifetime
    /// `total_count`; `daily_limit = 0` means unlimited. It cannot express `unknown_scope`
    /// (it has no scope column: every counter is `all`).
    @Suite("Layout findings: whg (CSV export and SQLite table)")
    struct LayoutFindingsWHGTests {
        enum Store: String, CaseIterable, Sendable {
            case csv, sqlite
        }

        /// One user's `UserAPIProfile`.
        private struct Record {
            var user: String
            var dailyCount: Int64
            var dailyLimit: Int64
            var dailyReset: LocalDay
            var totalCount: Int64
        }

        /// User number `number` as the store and the logs name it: a user name in the admin
        /// export, the Django user id in the raw table.
        private static func user(_ number: Int, in store: Store) -> String {
            store == .csv ? "researcher-\(number)" : "\(100 + number)"
        }

        /// Scopes `places` and `reconcile`; the quota `all`/day, default 5000, hard.
        private static func scenario(_ store: Store) -> LayoutFindingsScenario {
            var scenario = LayoutFindingsScenario(
                scopes: ["places", "reconcile"], quotas: [QuotaRule(scope: "all", period: .day, defaultLimit: 5000, hard: true)])
            let users = (0..<24).map { user($0, in: store) }
            scenario.generate(users: users, seed: 11, maximum: [("places", 2000), ("reconcile", 300)])
            return scenario
        }

        /// Profiles that agree with the logs: today's count, reset today, limits 5000, 0
        /// (unlimited) and 8000, lifetime totals that include use from before the logs.
        private static func cleanRecords(_ scenario: LayoutFindingsScenario, numbers: [Int], in store: Store) -> [Record] {
            let limits: [Int64] = [5000, 0, 8000]
            return numbers.map { number in
                let user = user(number, in: store)
                return Record(
                    user: user, dailyCount: scenario.units(user, currentBucketOf: .day), dailyLimit: limits[number % 3],
                    dailyReset: scenario.today, totalCount: scenario.lifetime(user) + Int64(number * 1301 % 90000))
            }
        }

        /// Writes `records` as `store`; returns the `--profiles` source and each record's origin.
        private static func write(_ records: [Record], as store: Store, in folder: TemporaryFolder) throws -> (String, [String]) {
            switch store {
            case .csv:
                var text = "user,daily_count,daily_limit,total_count,daily_reset\n"
                for record in records {
                    text += "\(record.user),\(record.dailyCount),\(record.dailyLimit),\(record.totalCount),\(record.dailyReset)\n"
                }
                try folder.write(text, to: "api-profiles.csv")
                return ("api-profiles.csv", records.indices.map { "api-profiles.csv:\($0 + 2)" })
            case .sqlite:
                let queue = try DatabaseQueue(path: folder.file("whg.sqlite3"))
                try queue.write { database in
                    try database.execute(sql: """
                        CREATE TABLE api_userapiprofile (
                            id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL UNIQUE, daily_count INTEGER NOT NULL,
                            daily_reset DATE NOT NULL, total_count INTEGER NOT NULL, daily_limit INTEGER NOT NULL)
                        """)
                    for (position, record) in records.enumerated() {
                        try database.execute(
                            sql: "INSERT INTO api_userapiprofile VALUES (?, ?, ?, ?, ?, ?)",
                            arguments: [
                                position + 1, Int64(record.user)!, record.dailyCount, record.dailyReset.description,
                                record.totalCount, record.dailyLimit,
                            ])
                    }
                }
                try queue.close()
                return (
                    "sqlite:whg.sqlite3?table=api_userapiprofile",
                    records.indices.map { "table api_userapiprofile row \($0 + 1)" })
            }
        }

        @Test("a whg store that agrees with generated use: no finding", arguments: Store.allCases)
        func cleanStore(store: Store) throws {
            let scenario = Self.scenario(store)
            let folder = try TemporaryFolder("layout-findings-whg")
            let records = Self.cleanRecords(scenario, numbers: Array(0..<24), in: store)
            let (source, _) = try Self.write(records, as: store, in: folder)
            let (profiles, findings) = try scenario.reconcile(source, in: folder)
            #expect(profiles.count == records.count)
            #expect(profiles.allSatisfy { $0.scope == "all" && $0.period == .day })
            #expect(findings.isEmpty, "\(findings.map(\.detail))")
        }

        @Test("every finding kind planted in a whg store is found exactly there", arguments: Store.allCases)
        func plantedFaults(store: Store) throws {
            var scenario = Self.scenario(store)
            let today = scenario.today
            func name(_ number: Int) -> String { Self.user(number, in: store) }
            scenario.set(name(1), scope: "places", on: today, units: 1234)
            // The lazy reset has not run: no call today, the count is yesterday's.
            scenario.clear(name(2), on: today)
            scenario.set(name(2), scope: "places", on: scenario.yesterday, units: 4812)
            scenario.set(name(6), scope: "places", on: today, units: 6000)
            scenario.set(name(7), scope: "places", on: today, units: 300, rejected: 4)

            // User 3's profile was never created; user 90 is in the store but not in the logs.
            var records = Self.cleanRecords(scenario, numbers: Array(0..<24).filter { $0 != 3 }, in: store)
            func record(_ number: Int) -> Int { records.firstIndex { $0.user == name(number) }! }
            records[record(1)].dailyCount -= 17
            records[record(2)].dailyCount = scenario.units(name(2), on: scenario.yesterday)
            records[record(2)].dailyReset = scenario.yesterday
            records[record(5)].totalCount = scenario.lifetime(name(5)) - 5
            records[record(6)].dailyLimit = 5000
            records[record(7)].dailyLimit = 5000
            records.append(Record(user: name(90), dailyCount: 12, dailyLimit: 5000, dailyReset: today, totalCount: 12))

            let folder = try TemporaryFolder("layout-findings-whg")
            let (source, origins) = try Self.write(records, as: store, in: folder)
            func origin(_ number: Int) -> String { origins[record(number)] }
            let expected: Set<LayoutFindingsSignature> = [
                .init(name(1), .drift, period: "day", origin: origin(1)),
                .init(name(2), .staleReset, period: "day", origin: origin(2)),
                .init(name(3), .missingProfile, period: "day", origin: ""),
                .init(name(90), .orphanProfile, period: "day", origin: origin(90)),
                .init(name(5), .totalRegression, period: "day", origin: origin(5)),
                .init(name(6), .overLimitServed, period: "day", origin: origin(6)),
                .init(name(7), .blockedUnderLimit, period: "day", origin: origin(7)),
            ]
            let (profiles, findings) = try scenario.reconcile(source, in: folder)
            #expect(profiles.count == records.count)
            LayoutFindingsSignature.expect(findings, equal: expected)
            #expect(findings.first { $0.kind == .overLimitServed }?.stored == 5000)
            #expect(findings.first { $0.kind == .staleReset }?.stored == scenario.units(name(2), on: scenario.yesterday))
        }
    }
}
