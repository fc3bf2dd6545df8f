import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    /// Generated traffic for 60 users over 40 days and a store that agrees with it; then one
    /// fault of each kind planted on chosen users. The reconciler must report exactly the
    /// planted faults: nothing for the clean users, the right kind for each planted one.
    @Suite("Reconciler: planted faults in generated data")
    struct PlantedFaultTests {
        private static let today = ReconciliationFixture.day(2026, 11, 21)
        private static let users = (0..<60).map { "user\($0 < 10 ? "0" : "")\($0)" }

        /// Daily use per user, scope and day offset (0 = today), below every limit, no 429s.
        private static func generatedFixture() -> ReconciliationFixture {
            var fixture = ReconciliationFixture()
            var generator = SeededRandom(seed: 2026)
            for user in users {
                for offset in 0..<40 where generator.next() % 4 != 0 {
                    fixture.use(user, on: today.adding(days: -offset), units: Int64(generator.next() % 2000) + 1)
                    if generator.next() % 3 == 0 {
                        fixture.use(user, scope: ReconciliationFixture.iso, on: today.adding(days: -offset), units: Int64(generator.next() % 40) + 1)
                    }
                }
                // Everyone used the API today, so every stored counter has something to agree with.
                fixture.use(user, on: today, units: 1 + Int64(generator.next() % 500))
            }
            return fixture
        }

        /// A store in which every counter equals the logs.
        private static func cleanStore(for fixture: inout ReconciliationFixture) {
            let index = UsageIndex(aggregate: fixture.usage, scopeNames: fixture.configuration.scopeNames)
            let month = Period.month.bucket(containing: today)
            for user in users {
                let day = index.counts(user: user, scope: "all", on: today).units
                let total = index.counts(user: user, scope: "all", in: DayRange(start: LocalDay(number: 0), end: today.adding(days: 1))).units
                fixture.store(user, used: day, total: total)
                let iso = index.counts(user: user, scope: "iso", in: month).units
                if iso > 0 { fixture.store(user, scope: "iso", period: .month, used: iso) }
            }
        }

        @Test("generated traffic with a store that agrees: no finding")
        func cleanGeneratedStore() {
            var fixture = Self.generatedFixture()
            Self.cleanStore(for: &fixture)
            #expect(fixture.profiles.count > 60)
            #expect(fixture.findings().isEmpty)
        }

        @Test("each planted fault is found, on its user, and nothing else")
        func plantedFaults() throws {
            var fixture = Self.generatedFixture()
            Self.cleanStore(for: &fixture)
            let today = Self.today
            func profile(_ user: String, scope: String = "all") -> Int {
                fixture.profiles.firstIndex { $0.user == user && $0.scope == scope }!
            }
            // Lost increments.
            fixture.profiles[profile("user03")].used! -= 17
            // Stale reset: the counter still holds yesterday's count, and there is no use today.
            fixture.usage = fixture.usage.removing(user: "user07", on: today)
            fixture.use("user07", on: today.adding(days: -1), units: 4812)
            fixture.profiles[profile("user07")].total! += 4812
            let index = UsageIndex(aggregate: fixture.usage, scopeNames: fixture.configuration.scopeNames)
            let yesterday = index.counts(user: "user07", scope: "all", on: today.adding(days: -1)).units
            #expect(yesterday > 0)
            fixture.profiles[profile("user07")].used = yesterday
            // The monthly iso counter stays right: it just lost today's iso use.
            if let iso = fixture.profiles.firstIndex(where: { $0.user == "user07" && $0.scope == "iso" }) {
                fixture.profiles[iso].used = index.counts(user: "user07", scope: "iso", in: Period.month.bucket(containing: today)).units
            }
            // A lifetime total that went down.
            fixture.profiles[profile("user11")].total! -= 1
            // A profile the store lost.
            fixture.profiles.remove(at: profile("user15"))
            // A profile of a user the logs never saw.
            fixture.store("zz-orphan", used: 12, total: 12)
            // A hard limit not enforced (stored counter kept in step).
            fixture.use("user19", on: today, units: 6000)
            fixture.profiles[profile("user19")].used! += 6000
            fixture.profiles[profile("user19")].total! += 6000
            // Refused under the limit.
            fixture.use("user23", on: today, units: 0, rejected: 4)
            // An unknown scope.
            fixture.store("user27", scope: "exports", period: .month, used: 3)

            let planted: Set<String> = [
                "user03 drift", "user07 stale_reset", "user11 total_regression", "user15 missing_profile",
                "zz-orphan orphan_profile", "user19 over_limit_served", "user23 blocked_under_limit", "user27 unknown_scope",
            ]
            let found = fixture.findings().map { "\($0.user) \($0.kind.rawValue)" }
            #expect(Set(found) == planted, "\(fixture.findings().map(\.detail))")
            #expect(found.count == planted.count)
            let counts = ReconciliationReport(findings: fixture.findings()).counts
            #expect(counts.allSatisfy { $0.1 == 1 })
        }
    }
}

extension UsageAggregate {
    /// A copy without `user`'s cells on `day` (test helper: plants an idle day).
    fileprivate func removing(user: String, on day: LocalDay) -> UsageAggregate {
        var copy = UsageAggregate()
        for (cell, counts) in cellsByName where !(cell.user == user && cell.day == day) {
            copy.add(counts, user: cell.user, scope: cell.scope, day: cell.day)
        }
        return copy
    }
}
