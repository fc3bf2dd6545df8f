import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    @Suite("Reconciler: logs that begin after a counter's bucket did")
    struct ReconcilerCoverageStartTests {
        private let today = ReconciliationFixture.day(2026, 11, 21)

        private func fixture() -> ReconciliationFixture {
            var fixture = ReconciliationFixture()
            // The logs hold only today; the month began on the 1st.
            fixture.use("alice", scope: ReconciliationFixture.iso, on: today, units: 100)
            fixture.use("alice", on: today, units: 40)
            fixture.store("alice", scope: "iso", period: .month, used: 900)
            fixture.store("alice", used: 140) // all = geo 40 + iso 100
            fixture.store("carl", scope: "iso", period: .month, used: 50)
            fixture.store("dora", used: 12)
            return fixture
        }

        private func findings(_ fixture: ReconciliationFixture, coverageStart: LocalDay?) -> [String] {
            Reconciler(configuration: fixture.configuration)
                .findings(profiles: fixture.profiles, usage: fixture.usage, asOf: fixture.asOf,
                          calendar: fixture.calendar, coverageStart: coverageStart)
                .map { "\($0.user) \($0.scope)/\($0.period.name) \($0.kind.rawValue)" }
        }

        @Test("without a coverage start every bucket is taken as whole: the month looks drifted")
        func wholeByDefault() {
            let reported = findings(fixture(), coverageStart: nil)
            #expect(reported.contains("alice iso/month drift"))
            #expect(reported.contains("carl iso/month orphan_profile"))
        }

        @Test("a counter whose bucket began before the logs is not judged; one inside them still is")
        func partialBucketsAreNotJudged() {
            let reported = findings(fixture(), coverageStart: today)
            #expect(!reported.contains { $0.hasPrefix("alice iso/month") })
            #expect(!reported.contains { $0.hasPrefix("carl iso/month") })
            // The day bucket lies inside the logs: dora's stored use with no traffic is an orphan.
            #expect(reported.contains("dora all/day orphan_profile"))
            #expect(!reported.contains { $0.hasPrefix("alice all/day") }, "\(reported)")
        }
    }
}
