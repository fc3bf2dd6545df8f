import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    @Suite("Reconciler: profiles without traffic, traffic without profiles")
    struct ReconcilerCoverageTests {
        private let today = ReconciliationFixture.day(2026, 11, 21)

        @Test("traffic under a quota the store keeps, but no profile: missing_profile")
        func missingProfile() throws {
            var fixture = ReconciliationFixture()
            fixture.use("alice", on: today, units: 10)
            fixture.use("bob", on: today, units: 1234, rejected: 0)
            fixture.use("bob", scope: ReconciliationFixture.iso, on: today, units: 5)
            fixture.use("ip:10.0.0.1", on: today, units: 50)
            fixture.store("alice", used: 10)
            let findings = fixture.findings()
            // bob's iso use is under a quota for which the store keeps no profile at all: not reported.
            #expect(findings.map { "\($0.user) \($0.kind.rawValue)" } == ["bob missing_profile"])
            let finding = try #require(findings.first)
            #expect(finding.stored == nil && finding.recomputed == 1239 && finding.delta == nil)
            #expect(finding.detail.hasPrefix("the logs show 1,239 requests today under the all/day quota (limit 5,000), but the "
                + "store has no profile for this user"))
        }

        @Test("without profiles there are no missing profiles")
        func noProfilesGiven() {
            var fixture = ReconciliationFixture()
            fixture.use("bob", on: today, units: 1234)
            #expect(fixture.findings().isEmpty)
        }

        @Test("a stored counter for a user the logs never saw: orphan_profile")
        func orphanProfile() throws {
            var fixture = ReconciliationFixture()
            fixture.use("alice", on: today, units: 10)
            fixture.store("alice", used: 10)
            fixture.store("zed", used: 40)
            fixture.store("yan", used: 0, total: 500)
            fixture.store("xi", used: nil, total: 500)
            let findings = fixture.findings()
            #expect(findings.map { "\($0.user) \($0.kind.rawValue):\($0.field)" } == [
                "xi orphan_profile:total", "zed orphan_profile:used",
            ])
            let zed = try #require(findings.last)
            #expect(zed.stored == 40 && zed.recomputed == 0)
            #expect(zed.detail.contains("no request from this user in the logs, in any scope"))
        }

        @Test("an orphan's stored use within the tolerance of 0 agrees, as any counter within it does", arguments: [
            (stored: Int64(12), tolerance: Int64(12), orphaned: false),
            (stored: 13, tolerance: 12, orphaned: true),
        ])
        func orphanWithinTolerance(stored: Int64, tolerance: Int64, orphaned: Bool) {
            var fixture = ReconciliationFixture()
            fixture.tolerance = tolerance
            fixture.use("alice", on: today, units: 10)
            fixture.store("alice", used: 10)
            fixture.store("zed", used: stored)
            fixture.store("xi", used: nil, total: stored)
            #expect(fixture.findings().filter { $0.kind == .orphanProfile }.count == (orphaned ? 2 : 0))
        }

        @Test("a stored counter in a scope the user did not use is compared, not orphaned")
        func otherScopeOnly() {
            var fixture = ReconciliationFixture()
            fixture.use("alice", on: today, units: 10)
            fixture.store("alice", scope: "iso", period: .month, used: 7)
            #expect(fixture.kinds(of: "alice") == ["drift:used"])
        }

        @Test("a profile for a scope the configuration does not have: unknown_scope")
        func unknownScope() throws {
            var fixture = ReconciliationFixture()
            fixture.use("alice", on: today, units: 10)
            fixture.store("alice", scope: "exports", period: .month, used: 7)
            let finding = try #require(fixture.findings().first)
            #expect(fixture.findings().count == 1)
            #expect(finding.kind == .unknownScope && finding.field == "scope" && finding.stored == 7)
            #expect(finding.detail.contains("no scope named 'exports' (it has all, geo, iso, other)"))
        }
    }
}
