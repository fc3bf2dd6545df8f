import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    /// The `carto` layout end to end: a JSON array of the geo platform's users, most with
    /// service blocks (`"geocoding": {"quota", "monthly_use", "hard_limit", "block_price"}`),
    /// some with the flat Rails fields (`geocoding_quota`, `soft_geocoding_limit`, …).
    ///
    /// `period_end_date` 2026-12-14 makes every counter a `month@14` billing cycle (the
    /// current one is [2026-11-14, 2026-12-14)); `here_isolines` is audited as `isolines`,
    /// `mapzen_routing` as `routing`. The layout cannot express `total_regression`: it
    /// keeps no lifetime total.
    @Suite("Layout findings: carto (service blocks and flat fields)")
    struct LayoutFindingsCartoTests {
        /// One service of a user: its quota (nil: the field is left out), use and flag.
        struct Service {
            var quota: Int64?
            var monthlyUse: Int64
            var hardLimit: Bool
        }

        /// One user record.
        private struct Record {
            var user: String
            var flat = false
            var geocoding: Service?
            var isolines: Service?
            var routing: Service? = nil
        }

        static let cycle = Period.billingCycle(day: 14)
        private static let users = (0..<24).map { "mapper-\($0)" }

        /// Scopes `geocoding` and `isolines`, both with a `month@14` quota: geocoding hard,
        /// isolines soft (priced overage).
        static func configuredScenario() -> LayoutFindingsScenario {
            LayoutFindingsScenario(scopes: ["geocoding", "isolines"], quotas: [
                QuotaRule(scope: "geocoding", period: cycle, hard: true),
                QuotaRule(scope: "isolines", period: cycle, hard: false, blockPrice: 1500),
            ])
        }

        private static func scenario() -> LayoutFindingsScenario {
            var scenario = configuredScenario()
            scenario.generate(users: users, seed: 31, maximum: [("geocoding", 800), ("isolines", 30)])
            return scenario
        }

        /// Records that agree with the logs: geocoding quota 60000 (hard), isolines 2000
        /// (soft); every fourth user in the flat shape.
        private static func cleanRecords(_ scenario: LayoutFindingsScenario, users: [String]) -> [Record] {
            users.enumerated().map { number, user in
                let geocoding = scenario.units(user, scope: "geocoding", currentBucketOf: cycle)
                let isolines = scenario.units(user, scope: "isolines", currentBucketOf: cycle)
                return Record(
                    user: user, flat: number % 4 == 1,
                    geocoding: Service(quota: 60000, monthlyUse: geocoding, hardLimit: true),
                    isolines: Service(quota: 2000, monthlyUse: isolines, hardLimit: false))
            }
        }

        /// Writes `records` as `users.json`; returns the source and each record's origin.
        private static func write(_ records: [Record], in folder: TemporaryFolder) throws -> (String, [String]) {
            let objects = records.map { record in
                var fields = ["\"username\": \"\(record.user)\"", "\"period_end_date\": \"2026-12-14\""]
                let services = [
                    ("geocoding", record.geocoding), ("here_isolines", record.isolines), ("mapzen_routing", record.routing),
                ]
                for case let (key, service?) in services {
                    fields += record.flat ? flatFields(key, service) : [block(key, service)]
                }
                return "{" + fields.joined(separator: ", ") + "}"
            }
            try folder.write("[\n" + objects.joined(separator: ",\n") + "\n]\n", to: "users.json")
            return ("users.json", records.indices.map { "users.json[\($0)]" })
        }

        /// `"geocoding": {"quota": …, "monthly_use": …, "hard_limit": …, "block_price": 1500}`.
        static func block(_ key: String, _ service: Service) -> String {
            let quota = service.quota.map { "\"quota\": \($0), " } ?? ""
            return "\"\(key)\": {\(quota)\"monthly_use\": \(service.monthlyUse), \"hard_limit\": \(service.hardLimit), "
                + "\"block_price\": 1500}"
        }

        /// The flat fields: `"geocoding_quota": …, "soft_geocoding_limit": …, "geocoding_block_price": …,
        /// "geocoding_monthly_use": …`.
        static func flatFields(_ key: String, _ service: Service) -> [String] {
            (service.quota.map { ["\"\(key)_quota\": \($0)"] } ?? []) + [
                "\"soft_\(key)_limit\": \(!service.hardLimit)", "\"\(key)_block_price\": 1500",
                "\"\(key)_monthly_use\": \(service.monthlyUse)",
            ]
        }

        @Test("a carto store that agrees with generated use: no finding")
        func cleanStore() throws {
            let scenario = Self.scenario()
            let folder = try TemporaryFolder("layout-findings-carto")
            let records = Self.cleanRecords(scenario, users: Self.users)
            let (source, _) = try Self.write(records, in: folder)
            let (profiles, findings) = try scenario.reconcile(source, in: folder)
            #expect(profiles.count == 2 * records.count)
            #expect(profiles.allSatisfy { $0.period == Self.cycle })
            #expect(findings.isEmpty, "\(findings.map(\.detail))")
        }

        @Test("every finding kind planted in a carto store is found exactly there")
        func plantedFaults() throws {
            var scenario = Self.scenario()
            let today = scenario.today
            scenario.set("mapper-6", scope: "geocoding", on: today, units: 1500)
            scenario.set("mapper-7", scope: "geocoding", on: today, units: 300, rejected: 4)
            scenario.set("mapper-9", scope: "isolines", on: today, units: 25)

            var records = Self.cleanRecords(scenario, users: Self.users.filter { $0 != "mapper-3" })
            func record(_ user: String) -> Int { records.firstIndex { $0.user == user }! }
            records[record("mapper-1")].geocoding!.monthlyUse -= 17
            // The counter still holds the previous cycle's use.
            let previousCycle = Self.cycle.bucket(containing: Self.cycle.bucket(containing: today).start.adding(days: -1))
            records[record("mapper-2")].geocoding!.monthlyUse =
                scenario.units("mapper-2", scope: "geocoding", in: previousCycle)
            records[record("mapper-6")].geocoding!.quota = 1000
            // A soft limit past its quota is priced overage, not a finding.
            records[record("mapper-9")].isolines!.quota = 10
            records[record("mapper-8")].routing = Service(quota: 500, monthlyUse: 3, hardLimit: true)
            records.append(Record(
                user: "ghost-7", geocoding: Service(quota: 1000, monthlyUse: 12, hardLimit: true),
                isolines: Service(quota: 100, monthlyUse: 0, hardLimit: false)))

            let folder = try TemporaryFolder("layout-findings-carto")
            let (source, origins) = try Self.write(records, in: folder)
            func origin(_ user: String) -> String { origins[record(user)] }
            let cycle = Self.cycle.name
            var expected: Set<LayoutFindingsSignature> = [
                .init("mapper-1", .drift, scope: "geocoding", period: cycle, origin: origin("mapper-1")),
                .init("mapper-2", .staleReset, scope: "geocoding", period: cycle, origin: origin("mapper-2")),
                .init("mapper-3", .missingProfile, scope: "geocoding", period: cycle, origin: ""),
                // Only the service with use is an orphan: isolines stored 0.
                .init("ghost-7", .orphanProfile, scope: "geocoding", period: cycle, origin: origin("ghost-7")),
                .init("mapper-6", .overLimitServed, scope: "geocoding", period: cycle, origin: origin("mapper-6")),
                .init("mapper-7", .blockedUnderLimit, scope: "geocoding", period: cycle, origin: origin("mapper-7")),
                .init("mapper-8", .unknownScope, scope: "routing", period: cycle, origin: origin("mapper-8")),
            ]
            if scenario.hasTraffic("mapper-3", scope: "isolines", in: Self.cycle.bucket(containing: today)) {
                expected.insert(.init("mapper-3", .missingProfile, scope: "isolines", period: cycle, origin: ""))
            }
            let (profiles, findings) = try scenario.reconcile(source, in: folder)
            #expect(profiles.count == 2 * records.count + 1)
            LayoutFindingsSignature.expect(findings, equal: expected)
            #expect(findings.first { $0.kind == .overLimitServed }?.stored == 1000)
            #expect(findings.first { $0.kind == .staleReset }?.bucket == DayRange(
                start: LayoutFindingsScenario.today.adding(days: -7), end: LayoutFindingsScenario.today.adding(days: 23)))
        }
    }
}
