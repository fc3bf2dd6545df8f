import Foundation
import Testing
@testable import UsageAudit

extension RecommendationTests {
    @Suite("LimitRecommender: lower, revert_to_default, keep")
    struct LimitRecommenderUnusedTests {
        /// 900 and 1,200 on alternate days: a light, steady user with a peak of 1,200.
        static func light(_ daysAgo: Int) -> Int64 { daysAgo % 2 == 0 ? 900 : 1200 }

        @Test("custom 50,000 unused for 6 weeks, default 5,000: revert_to_default")
        func revert() throws {
            var fixture = RecommendationFixture()
            fixture.store("dora", limit: .limit(50000))
            fixture.history("dora", days: 42, units: Self.light)
            let advice = try #require(fixture.only("dora"))
            #expect(advice.action == .revertToDefault)
            #expect(advice.currentLimit == 50000 && advice.recommendedLimit == 5000)
            #expect(advice.reason == "the custom 50,000 limit (profiles.csv:2) is not needed: peak demand 1,200 over the last "
                + "29 days (history since 2026-10-11) stays under 90% of the default 5,000; remove the custom value to "
                + "return to the default")
        }

        @Test("the same without a default: lower to peak × headroom × 2, rounded up")
        func lower() throws {
            var fixture = RecommendationFixture(quotas: [QuotaRule(scope: "all", period: .day)])
            fixture.store("dora", limit: .limit(50000))
            fixture.history("dora", days: 42, units: Self.light)
            let advice = try #require(fixture.only("dora"))
            #expect(advice.action == .lower)
            // 1,200 × 1.15 × 2 = 2,760 → 2,800 on the ladder.
            #expect(advice.recommendedLimit == 2800)
            #expect(advice.reason.contains("is mostly unused: peak demand 1,200"))
            #expect(advice.reason.contains("is 2% of it (< 25%); 1,200 × 1.15 × 2 = 2,760 → 2,800"))
        }

        @Test("a default above the custom value: lower, not revert (reverting would raise it)")
        func lowerBelowDefault() throws {
            var fixture = RecommendationFixture()
            fixture.store("rae", limit: .limit(3000))
            fixture.history("rae", days: 42, units: { $0 % 7 == 0 ? 20 : 0 })
            let advice = try #require(fixture.only("rae"))
            #expect(advice.action == .lower)
            // 20 × 2.3 = 46, below the floor of 100.
            #expect(advice.recommendedLimit == 100)
            #expect(advice.reason.contains("= 46, at least 100 → 100"))
        }

        @Test("a custom value used above 90% of the default is lowered, not reverted")
        func lowerAboveDefault() throws {
            var fixture = RecommendationFixture()
            fixture.store("sam", limit: .limit(50000))
            fixture.history("sam", days: 42, units: { $0 == 3 ? 4700 : 1000 })
            let advice = try #require(fixture.only("sam"))
            #expect(advice.action == .lower)
            #expect(advice.recommendedLimit == 11000) // 4,700 × 2.3 = 10,810 → 11,000
        }

        @Test("a user 10 days old is not yet 'unused for weeks': keep, saying the history is too short")
        func newUser() throws {
            var fixture = RecommendationFixture()
            fixture.store("nia", limit: .limit(50000))
            fixture.history("nia", days: 10, units: Self.light)
            fixture.history("old-timer", days: 60, units: { _ in 100 })
            #expect(fixture.recommendations().allSatisfy { $0.user != "nia" })
            let advice = try #require(fixture.only("nia"))
            #expect(advice.action == .keep)
            #expect(advice.reason.contains("the history (9 days) is too short to call the custom value unused"))
        }

        @Test("a profile without any use in six weeks of audited data: revert, peak 0")
        func neverUsed() throws {
            var fixture = RecommendationFixture()
            fixture.store("ola", limit: .limit(50000))
            fixture.history("old-timer", days: 60, units: { _ in 100 })
            let advice = try #require(fixture.only("ola"))
            #expect(advice.action == .revertToDefault && advice.recommendedLimit == 5000)
            #expect(advice.reason.contains("peak demand 0"))
        }

        @Test("keep rows only when asked; the reason compares the peak with the limit")
        func keepOmitted() throws {
            var fixture = RecommendationFixture()
            fixture.history("finn", days: 40, units: { $0 == 4 ? 1204 : 700 })
            #expect(fixture.recommendations().isEmpty)
            let advice = try #require(fixture.only("finn"))
            #expect(advice.action == .keep && advice.recommendedLimit == nil && advice.currentLimit == 5000)
            #expect(advice.reason == "peak 1,204 is 24% of the 5,000 limit over the last 29 days")
        }

        @Test("a stored value equal to the default is not custom: never lowered")
        func storedDefault() throws {
            var fixture = RecommendationFixture()
            fixture.store("gwen", limit: .limit(5000))
            fixture.history("gwen", days: 42, units: { _ in 10 })
            let advice = try #require(fixture.only("gwen"))
            #expect(advice.action == .keep)
        }

        @Test("unlimited, zero (blocking) and unknown limits get no advice at all")
        func noLimit() {
            var fixture = RecommendationFixture(quotas: [
                QuotaRule(scope: "all", period: .day, defaultLimit: 5000), QuotaRule(scope: "geo", period: .day),
            ])
            fixture.store("una", limit: .unlimited)
            fixture.history("una", days: 40, units: { _ in 9000 })
            fixture.store("zed", limit: .limit(0))
            fixture.history("zed", days: 40, units: { _ in 0 }, rejected: { _ in 50 })
            let advice = fixture.recommendations(includeKeep: true)
            #expect(advice.isEmpty, "got \(advice)")
        }

        @Test("a profile for a scope the configuration does not count gets no advice")
        func uncountedScope() {
            var fixture = RecommendationFixture()
            fixture.store("ada", scope: "routing", period: .month, limit: .limit(90000))
            fixture.history("ada", days: 60, units: { _ in 10 })
            #expect(fixture.recommendations(includeKeep: true).allSatisfy { $0.scope != "routing" })
        }

        @Test("nothing traps: Int64.max demand, an empty history")
        func extremes() throws {
            var fixture = RecommendationFixture()
            fixture.history("max", days: 30, units: { _ in .max }, rejected: { _ in .max })
            fixture.store("empty", limit: .limit(.max))
            let huge = try #require(fixture.only("max"))
            #expect(huge.action == .raise && huge.recommendedLimit == .max)
            #expect(huge.reason.contains("9,223,372,036,854,775,807"))

            var empty = RecommendationFixture()
            empty.store("empty", limit: .limit(50000))
            let none = try #require(empty.only("empty"))
            #expect(none.action == .keep)
            #expect(none.reason.hasPrefix("no use recorded up to the audit moment"))
        }
    }
}
