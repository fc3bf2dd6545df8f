import Foundation
import Testing
@testable import UsageAudit

extension RecommendationTests {
    @Suite("LimitRecommender: candidates and order")
    struct LimitRecommenderOrderTests {
        @Test("sorted by user (UTF-8), then all, then scopes in configuration order, then period")
        func order() {
            var fixture = RecommendationFixture(quotas: [
                QuotaRule(scope: "iso", period: .month, defaultLimit: 2000),
                QuotaRule(scope: "geo", period: .week, defaultLimit: 1000),
                QuotaRule(scope: "all", period: .day, defaultLimit: 500),
                QuotaRule(scope: "geo", period: .day, defaultLimit: 400),
            ])
            for user in ["b", "é", "a", "Z"] {
                fixture.history(user, scope: RecommendationFixture.iso, days: 120, units: { _ in 100 })
                fixture.history(user, scope: RecommendationFixture.geo, days: 120, units: { _ in 400 })
            }
            let rows = fixture.recommendations().map { "\($0.user) \($0.scope)/\($0.period.name) \($0.action.rawValue)" }
            let expected = ["Z", "a", "b", "é"].flatMap { user in
                ["all/day", "geo/day", "geo/week", "iso/month"].map { "\(user) \($0) raise" }
            }
            #expect(rows == expected)
        }

        @Test("use without a profile counts only inside the look-back; a profile always counts")
        func candidates() {
            var fixture = RecommendationFixture()
            fixture.use("gone", on: RecommendationFixture.daysAgo(90), units: 10)
            fixture.store("kept", limit: .limit(7000))
            fixture.use("kept", on: RecommendationFixture.daysAgo(90), units: 10)
            fixture.history("here", days: 3, units: { _ in 100 })
            let users = fixture.recommendations(includeKeep: true).map(\.user)
            #expect(users == ["here", "kept"])
        }

        @Test("monthly limits on a billing cycle look back three cycles and name them")
        func billingCycle() throws {
            var fixture = RecommendationFixture(quotas: [QuotaRule(scope: "iso", period: .billingCycle(day: 14), defaultLimit: 2000)])
            // 80 a day: each full cycle (30 or 31 days) reaches 2,400; the current one (since Nov 14, 8 days) 640.
            fixture.history("cyd", scope: RecommendationFixture.iso, days: 120, units: { _ in 80 })
            let advice = try #require(fixture.only("cyd"))
            #expect(advice.period == .billingCycle(day: 14))
            #expect(advice.action == .raise)
            #expect(advice.reason.contains("on 3 of the last 4 billing cycles"))
            #expect(advice.reason.contains("p95 2,480 a billing cycle"))
            #expect(advice.recommendedLimit == 3000) // 2,480 × 1.15 = 2,852 → 3,000 (steps of 200 from 2,000)
        }

        @Test("a profile dated by its store frames an Nd window from its period_start")
        func datedWindow() throws {
            var fixture = RecommendationFixture(quotas: [
                QuotaRule(scope: "all", period: .days(30, anchor: LocalDay(number: 0)), defaultLimit: 3000),
            ])
            let start = RecommendationFixture.daysAgo(3)
            fixture.profiles.append(StoredProfile(
                user: "win", scope: "all", period: .days(30, anchor: LocalDay(number: 0)), periodStart: start, origin: "p:2"))
            fixture.history("win", days: 200, units: { $0 < 4 ? 900 : 10 })
            let advice = try #require(fixture.only("win"))
            #expect(advice.period == .days(30, anchor: start))
            #expect(advice.action == .temporaryRaise)
            #expect(advice.reason.contains("in the 30-day window from \(start)"))
        }

        @Test("two quotas of one scope whose periods share a name give one advice per user, without profiles too")
        func quotasSharingAName() throws {
            let anchor = LocalDay(CivilDate(year: 2026, month: 1, day: 1))
            var fixture = RecommendationFixture(quotas: [
                QuotaRule(scope: "all", period: .days(30, anchor: anchor), defaultLimit: 3000),
                QuotaRule(scope: "all", period: .days(30, anchor: anchor.adding(days: 10)), defaultLimit: 3000),
            ])
            #expect(fixture.configuration.hasQuotasSharingAName)
            fixture.history("twin", days: 60, units: { $0 < 10 ? 900 : 50 })
            fixture.history("solo", days: 60, units: { _ in 20 })
            let advice = fixture.recommendations(includeKeep: true)
            #expect(advice.filter { $0.user == "twin" }.count == 1)
            #expect(advice.filter { $0.user == "solo" }.count == 1)
            #expect(!RecommendationFixture().configuration.hasQuotasSharingAName)
        }
    
        @Test("two users whose names differ only in their bytes (é precomposed and decomposed) each get advice, with profiles or without")
        func usersToldApartByBytes() {
            let precomposed = "ren\u{00E9}"
            let decomposed = "rene\u{0301}"
            for withProfiles in [false, true] {
                var fixture = RecommendationFixture()
                for user in [precomposed, decomposed] {
                    fixture.history(user, days: 42, units: { $0 < 3 ? 5200 : 4000 })
                }
                if withProfiles { fixture.store("someone-else") }
                let users = fixture.recommendations(includeKeep: true).map(\.user)
                #expect(users.filter { Array($0.utf8) == Array(precomposed.utf8) }.count == 1, "profiles: \(withProfiles)")
                #expect(users.filter { Array($0.utf8) == Array(decomposed.utf8) }.count == 1, "profiles: \(withProfiles)")
            }
        }
    }
}
