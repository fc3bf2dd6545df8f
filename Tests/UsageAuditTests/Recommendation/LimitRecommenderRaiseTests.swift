import Foundation
import Testing
@testable import UsageAudit

extension RecommendationTests {
    @Suite("LimitRecommender: raise and temporary_raise")
    struct LimitRecommenderRaiseTests {
        @Test("demand at the limit every day, with refusals: raise to p95 × headroom, at least 1.25×, rounded up")
        func steadyRaise() throws {
            var fixture = RecommendationFixture()
            fixture.history("ana", days: 40, units: { $0 < 29 ? 5000 : 2000 }, rejected: { $0 < 29 ? 430 : 0 })
            let advice = try #require(fixture.only("ana"))
            #expect(advice.scope == "all" && advice.period == .day)
            #expect(advice.action == .raise)
            #expect(advice.currentLimit == 5000)
            // p95 5,430 × 1.15 = 6,245 < 1.25 × 5,000 = 6,250 → 6,500 on the ladder.
            #expect(advice.recommendedLimit == 6500)
            #expect(advice.reason.contains("reached ≥ 90% of the 5,000 limit on 29 of the last 29 days"))
            #expect(advice.reason.contains("p95 5,430 a day, 12,470 requests refused"))
            #expect(advice.reason.contains("5,430 × 1.15 = 6,245, but a raise is at least 1.25 × the limit = 6,250 → 6,500"))
        }

        @Test("seeded sustained demand: a human number covering p95 × headroom")
        func seededRaise() throws {
            var random = SeededRandom(seed: 42)
            var demand: [Int: (units: Int64, rejected: Int64)] = [:]
            for ago in 0..<60 {
                if random.chance(0.45) {
                    let units = Int64.random(in: 4600...5000, using: &random)
                    demand[ago] = (units, units == 5000 ? 0 : Int64.random(in: 0...300, using: &random))
                } else {
                    demand[ago] = (Int64.random(in: 1500...4000, using: &random), 0)
                }
            }
            var fixture = RecommendationFixture()
            fixture.history("ben", days: 60, units: { demand[$0]!.units }, rejected: { demand[$0]!.rejected })

            let lookBack = (0...28).map { demand[$0]!.units + demand[$0]!.rejected }
            let near = lookBack.filter { $0 >= 4500 }.count
            #expect(near >= 8, "the seed must give a sustained history")
            let p95 = lookBack.sorted()[27] // nearest rank: ⌈0.95 × 29⌉ = 28th of 29
            let advice = try #require(fixture.only("ben"))
            #expect(advice.action == .raise)
            let recommended = try #require(advice.recommendedLimit)
            let needed = max(Double(p95) * 1.15, 6250)
            #expect(Double(recommended) >= needed)
            #expect(Double(recommended) <= needed * 1.1 + 1)
            #expect(HumanNumber.roundedUp(recommended) == recommended)
            #expect(advice.reason.contains("on \(near) of the last 29 days"))
            #expect(advice.reason.contains("p95 \(FindingText.count(p95)) a day"))
        }

        @Test("a first month at twice the monthly limit is no limit that fits: review, listed without --include-keep")
        func firstMonthPastTheLimit() throws {
            var fixture = RecommendationFixture(quotas: [QuotaRule(scope: "all", period: .month, defaultLimit: 1000)])
            fixture.history("acme", days: 20, units: { _ in 100 })
            let listed = fixture.recommendations().filter { $0.user == "acme" }
            #expect(listed.map(\.action) == [.review], "\(listed)")
            let advice = try #require(listed.first)
            #expect(advice.recommendedLimit == nil)
            #expect(advice.reason.contains("peak 2,000 is 200% of") && advice.reason.contains("no earlier month"), "\(advice.reason)")
            #expect(advice.reason.hasSuffix("look at the user (raise for good if the demand lasts, else a temporary raise)"))
        }

        @Test("near the limit on too few days is neither sustained nor a one-off: keep, saying why")
        func notSustained() throws {
            var fixture = RecommendationFixture()
            fixture.history("cas", days: 40, units: { [1, 12, 20].contains($0) ? 4800 : 2600 })
            let advice = try #require(fixture.only("cas"))
            #expect(advice.action == .keep)
            #expect(advice.recommendedLimit == nil)
            #expect(advice.reason.contains("≥ 90% on 3 of them: not sustained (8 needed) and not a one-off (other days above 50%)"))
        }

        @Test("one bulk day after quiet weeks: temporary_raise 2× the default when it covers the job")
        func temporaryDouble() throws {
            var random = SeededRandom(seed: 7)
            var fixture = RecommendationFixture()
            let quiet = (0..<40).map { _ in Int64.random(in: 800...1200, using: &random) }
            fixture.history("cleo", days: 40, units: { $0 == 1 ? 5000 : quiet[$0] }, rejected: { $0 == 1 ? 3000 : 0 })
            let advice = try #require(fixture.only("cleo"))
            #expect(advice.action == .temporaryRaise)
            #expect(advice.recommendedLimit == 10000)
            #expect(advice.reason.contains("one-off: demand 8,000 on 2026-11-20 (160% of the 5,000 limit) while the 26 days "
                + "before the last 3 days stayed at or under 1,"))
            #expect(advice.reason.contains("the job needs 8,000 × 1.15 = 9,200: 2× the default 5,000 = 10,000 covers it"))
            #expect(advice.reason.hasSuffix("set it back to 5,000 after the job"))
        }

        @Test("a bigger job gets 3×; one needing more than 3× still gets 3×, and the reason says so")
        func temporaryTriple() throws {
            var fixture = RecommendationFixture()
            fixture.history("dan", days: 40, units: { $0 == 0 ? 5000 : 900 }, rejected: { $0 == 0 ? 7000 : 0 })
            fixture.history("eli", days: 40, units: { $0 == 2 ? 5000 : 900 }, rejected: { $0 == 2 ? 15000 : 0 })
            let dan = try #require(fixture.only("dan"))
            #expect(dan.action == .temporaryRaise && dan.recommendedLimit == 15000)
            #expect(dan.reason.contains("13,800: 2× the default 5,000 would not cover it, 3× = 15,000"))
            #expect(dan.reason.contains("on 2026-11-21"))
            let eli = try #require(fixture.only("eli"))
            #expect(eli.action == .temporaryRaise && eli.recommendedLimit == 15000)
            #expect(eli.reason.contains("23,000, more than 3× the default 5,000: giving 3× = 15,000; ask the user to split the job"))
            #expect(eli.reason.contains("on 2026-11-19"))
        }

        @Test("a custom limit above the default is the base of a temporary raise")
        func temporaryFromCustom() throws {
            var fixture = RecommendationFixture()
            fixture.store("fay", limit: .limit(8000))
            fixture.history("fay", days: 40, units: { $0 == 1 ? 8000 : 1000 }, rejected: { $0 == 1 ? 2000 : 0 })
            let advice = try #require(fixture.only("fay"))
            #expect(advice.action == .temporaryRaise && advice.currentLimit == 8000 && advice.recommendedLimit == 16000)
            #expect(advice.reason.contains("2× the current limit 8,000 = 16,000 covers it"))
            #expect(advice.reason.contains("the custom 8,000 limit (profiles.csv:2)"))
        }

        @Test("a user's first days past the limit, with no earlier day: no temporary_raise; review says why, listed by default", arguments: [1, 2])
        func noEarlierHistory(days: Int) throws {
            var fixture = RecommendationFixture()
            fixture.history("hal", days: days, units: { _ in 5000 }, rejected: { _ in 87 })
            let advice = try #require(fixture.only("hal"))
            #expect(advice.action == .review && advice.recommendedLimit == nil)
            #expect(advice.reason.contains("and no earlier day to tell a one-off job from lasting demand"), "\(advice.reason)")
            #expect(fixture.recommendations().map(\.action) == [.review])
        }

        @Test("first days near but not past the limit stay keep (omitted by default)")
        func noEarlierHistoryUnderTheLimit() throws {
            var fixture = RecommendationFixture()
            fixture.history("ida", days: 2, units: { _ in 4800 })
            #expect(try #require(fixture.only("ida")).action == .keep)
            #expect(fixture.recommendations().isEmpty)
        }

        @Test("a bulk day older than the last three days is no longer a one-off to act on")
        func oldBulkDay() throws {
            var fixture = RecommendationFixture()
            fixture.history("gil", days: 40, units: { $0 == 10 ? 5000 : 1000 }, rejected: { $0 == 10 ? 4000 : 0 })
            let advice = try #require(fixture.only("gil"))
            #expect(advice.action == .keep)
            #expect(advice.reason.contains("not sustained (8 needed), and none in the last 3 days"))
            #expect(fixture.recommendations().isEmpty)
        }

        @Test("weekly limit: sustained weeks raise it, the reason counts weeks")
        func weeklyRaise() throws {
            var fixture = RecommendationFixture(quotas: [QuotaRule(scope: "geo", period: .week, defaultLimit: 10000)])
            // 2026-11-21 is a Saturday: its week started on Monday 2026-11-16 (5 days ago).
            fixture.history("hal", days: 70, units: { ago in
                let week = (ago + 1) / 7 // 0 = this week (Monday is 5 days ago)
                return [0, 2, 5].contains(week) ? 1500 : 600
            })
            let advice = try #require(fixture.only("hal"))
            #expect(advice.period == .week && advice.scope == "geo")
            #expect(advice.action == .raise)
            #expect(advice.reason.contains("on 3 of the last 9 weeks"))
            let recommended = try #require(advice.recommendedLimit)
            #expect(recommended >= 12500 && HumanNumber.roundedUp(recommended) == recommended)
        }

        @Test("refused requests in a weighted scope are demand at the user's units per request, not one unit each",
              arguments: [(geoCost: Int64(3), limit: Int64(180), demand: "120"), (geoCost: 1, limit: 60, demand: "40")])
        func weightedRefusals(geoCost: Int64, limit: Int64, demand: String) throws {
            var fixture = RecommendationFixture(quotas: [QuotaRule(scope: "geo", period: .day, defaultLimit: 20 * geoCost)])
            fixture.configuration.scopes[0].cost = .constant(geoCost)
            func use(_ ago: Int, requests: Int64, rejected: Int64 = 0) {
                let day = RecommendationFixture.daysAgo(ago)
                let noon = fixture.calendar.startOfDay(day) + 12 * 3600
                fixture.usage.add(
                    UsageCounts(requests: requests, units: requests * geoCost, rejected: rejected, firstSeen: noon, lastSeen: noon),
                    user: "ivy", scope: RecommendationFixture.geo, day: day)
            }
            // Five requests a day for five weeks, then the whole limit served and as many requests refused.
            for ago in 1...36 { use(ago, requests: 5) }
            use(0, requests: 20, rejected: 20)
            let advice = try #require(fixture.only("ivy"))
            #expect(advice.action == .temporaryRaise && advice.recommendedLimit == limit, "\(advice)")
            #expect(advice.reason.contains("one-off: demand \(demand) on 2026-11-21"), "\(advice.reason)")
        }

        @Test("all prices each scope's refusals at that scope's cost: cheap refusals stay cheap, dear ones dear")
        func refusalsPricedPerScope() throws {
            var fixture = RecommendationFixture(quotas: [QuotaRule(scope: "all", period: .day, defaultLimit: 600)])
            fixture.configuration.scopes[1].cost = .constant(10)
            func use(_ user: String, ago: Int, scope: Int, requests: Int64, rejected: Int64) {
                let day = RecommendationFixture.daysAgo(ago)
                let noon = fixture.calendar.startOfDay(day) + 12 * 3600
                let cost: Int64 = scope == RecommendationFixture.iso ? 10 : 1
                fixture.usage.add(
                    UsageCounts(requests: requests, units: requests * cost, rejected: rejected, firstSeen: noon, lastSeen: noon),
                    user: user, scope: scope, day: day)
            }
            for ago in 0..<28 {
                // 50 served in geo (cost 1), 60 refused in iso (cost 10, never served): demand 650 a day.
                use("dear", ago: ago, scope: RecommendationFixture.geo, requests: 50, rejected: 0)
                use("dear", ago: ago, scope: RecommendationFixture.iso, requests: 0, rejected: 60)
                // 10 served in iso (100 units), 20 refused in geo: demand 120, not 20 × 10 more.
                use("cheap", ago: ago, scope: RecommendationFixture.iso, requests: 10, rejected: 0)
                use("cheap", ago: ago, scope: RecommendationFixture.geo, requests: 0, rejected: 20)
            }
            let dear = try #require(fixture.only("dear"))
            #expect(dear.action == .raise && dear.reason.contains("p95 650 a day"), "\(dear)")
            let cheap = try #require(fixture.only("cheap"))
            #expect(cheap.action == .keep && cheap.reason.contains("peak 120"), "\(cheap)")
        }

        @Test("a user refused throughout, nothing served, is demand at the scope's constant cost")
        func refusedThroughout() throws {
            var fixture = RecommendationFixture(quotas: [QuotaRule(scope: "geo", period: .day, defaultLimit: 30)])
            fixture.configuration.scopes[0].cost = .constant(3)
            fixture.history("jon", days: 14, units: { _ in 0 }, rejected: { _ in 20 })
            let advice = try #require(fixture.only("jon"))
            #expect(advice.action == .raise, "\(advice)")
            #expect(advice.reason.contains("p95 60 a day, 280 requests refused"), "\(advice.reason)")
        }
    }
}
