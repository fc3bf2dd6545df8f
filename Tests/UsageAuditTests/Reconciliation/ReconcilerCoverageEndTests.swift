import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    @Suite("Reconciler: logs that end before a counter's snapshot")
    struct ReconcilerCoverageEndTests {
        private let today = ReconciliationFixture.day(2026, 11, 21)

        /// The logs of today end at 08:00 (use from 06:00 to 08:00); the store's counters
        /// were read at 12:00.
        private func fixture() -> ReconciliationFixture {
            var fixture = ReconciliationFixture()
            let snapshot = fixture.instant(today, 12)
            fixture.use("alice", on: today, units: 100, from: 6, to: 8)
            fixture.use("bob", on: today, units: 100, from: 6, to: 8)
            fixture.use("carl", scope: ReconciliationFixture.iso, on: today, units: 5, from: 6, to: 7)
            // Alice used more after 08:00: the store is ahead of the logs, as it may be.
            fixture.store("alice", used: 160, snapshotAt: snapshot)
            // Bob's counter is behind what the logs already prove: lost increments.
            fixture.store("bob", used: 60, snapshotAt: snapshot)
            // Dora appears only after the logs end.
            fixture.store("dora", used: 12, snapshotAt: snapshot)
            return fixture
        }

        private func findings(_ fixture: ReconciliationFixture, coverageEnd: Int64?) -> [ReconciliationFinding] {
            Reconciler(configuration: fixture.configuration)
                .findings(profiles: fixture.profiles, usage: fixture.usage, asOf: fixture.asOf,
                          calendar: fixture.calendar, coverageEnd: coverageEnd)
        }

        @Test("without a coverage end the logs are taken to reach the snapshot: the store ahead of them drifts")
        func reachingByDefault() {
            let kinds = findings(fixture(), coverageEnd: nil).map { "\($0.user) \($0.kind.rawValue)" }
            #expect(kinds.contains("alice drift"))
            #expect(kinds.contains("bob drift"))
            #expect(kinds.contains("dora orphan_profile"))
        }

        @Test("logs that end before the snapshot prove a least use: only a counter below it drifts")
        func lowerBoundOnly() throws {
            var fixture = fixture()
            let end = fixture.instant(today, 8)
            let reported = findings(fixture, coverageEnd: end)
            #expect(!reported.contains { $0.user == "alice" }, "\(reported.map(\.detail))")
            #expect(!reported.contains { $0.user == "dora" }, "\(reported.map(\.detail))")
            let bob = try #require(reported.first { $0.user == "bob" })
            #expect(bob.kind == .drift && bob.recomputed == 100)
            #expect(bob.detail.contains("at least 100"), "\(bob.detail)")
            #expect(bob.detail.contains("the logs end at 2026-11-21 08:00"), "\(bob.detail)")
            #expect(bob.detail.contains("lost"), "\(bob.detail)")
            // Logs that reach the snapshot judge both ways again.
            fixture.use("erin", on: today, units: 3, from: 11, to: 13)
            let reaching = findings(fixture, coverageEnd: fixture.instant(today, 13))
            #expect(reaching.contains { $0.user == "alice" && $0.kind == .drift })
        }
    
        @Test("a window the store dates and that ended: the stale counter is shown against the least use since, not against itself")
        func expiredWindowBeyondCoverage() throws {
            var fixture = ReconciliationFixture()
            let start = ReconciliationFixture.day(2026, 10, 1)
            fixture.use("kim", on: ReconciliationFixture.day(2026, 10, 15), units: 700)
            fixture.use("kim", on: today, units: 50, from: 6, to: 8)
            fixture.store("kim", scope: "geo", period: .days(30, anchor: LocalDay(number: 0)), used: 700,
                          snapshotAt: fixture.instant(today, 12), periodStart: start)
            let finding = try #require(findings(fixture, coverageEnd: fixture.instant(today, 8)).first)
            #expect(finding.kind == .staleReset)
            // What --fix-sql would set: the use since the window ended, as far as the logs go.
            #expect(finding.recomputed == 50)
        }
}
}
