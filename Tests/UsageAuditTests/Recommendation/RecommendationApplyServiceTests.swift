import Foundation
import Testing
@testable import UsageAudit

extension RecommendationTests {
    @Suite("RecommendationApplyForm: chat service and geo platform")
    struct RecommendationApplyServiceTests {
        private let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "UTC")!)
        private let asOf: Int64 = 1_795_305_599 // 2026-11-21T23:59:59Z
        private let configuration = AuditConfiguration(
            scopes: [ScopeRule(name: "geocoding", paths: ["/geocode"]), ScopeRule(name: "isolines", paths: ["/iso"])],
            quotas: [
                QuotaRule(scope: "all", period: .day, defaultLimit: 5000),
                QuotaRule(scope: "all", period: .month, defaultLimit: 100_000),
            ])

        private func advice(
            _ user: String, scope: String = "all", period: Period = .day, _ action: RecommendationAction,
            from current: Int64, to recommended: Int64?
        ) -> Recommendation {
            Recommendation(
                user: user, scope: scope, period: period, currentLimit: current, recommendedLimit: recommended,
                action: action, reason: "evidence")
        }

        @Test("waldur: one set-quota body per user, valid JSON, every limit named so none resets to the default")
        func waldurBodies() throws {
            let profiles = [
                StoredProfile(user: "ana", scope: "all", period: .day, limit: .useDefault),
                StoredProfile(user: "ana", scope: "all", period: .week, limit: .limit(70000)),
                StoredProfile(user: "ana", scope: "all", period: .month, limit: .limit(100_000)),
                StoredProfile(user: "bo \"q\" \\ <x>", scope: "all", period: .week, limit: .unlimited),
                StoredProfile(user: "bo \"q\" \\ <x>", scope: "all", period: .month, limit: .limit(900_000)),
            ]
            let recommendations = [
                advice("ana", .temporaryRaise, from: 5000, to: 10000),
                advice("ana", scope: "geocoding", .raise, from: 100, to: 200),
                advice("bo \"q\" \\ <x>", period: .month, .revertToDefault, from: 900_000, to: 100_000),
                advice("bo \"q\" \\ <x>", period: .year, .raise, from: 1, to: 2),
                advice("cy", .keep, from: 5000, to: nil),
            ]
            let limits = LimitResolver(profiles: profiles, configuration: configuration)
            let files = RecommendationApplyForm.files(
                for: recommendations, layout: WaldurProfileLayout(), limits: limits, asOf: asOf, calendar: calendar)
            let file = try #require(files.first)
            #expect(files.count == 1 && file.name == "recommendations-waldur-set-quota.jsonl")
            #expect(file.applied == 2 && file.notes.count == 2)
            let lines = file.text.split(separator: "\n")
            #expect(lines.count == 2)
            let bodies = try lines.map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
            #expect(bodies.allSatisfy { Set($0.keys) == ["user_uuid", "daily_limit", "weekly_limit", "monthly_limit"] })
            #expect(bodies[0]["user_uuid"] as? String == "ana")
            #expect(bodies[0]["daily_limit"] as? Int == 10000)
            #expect(bodies[0]["weekly_limit"] as? Int == 70000)
            #expect(bodies[0]["monthly_limit"] is NSNull, "the configured default is sent as null: follow the default")
            #expect(bodies[1]["user_uuid"] as? String == "bo \"q\" \\ <x>")
            #expect(bodies[1]["daily_limit"] is NSNull)
            #expect(bodies[1]["weekly_limit"] as? Int == -1)
            #expect(bodies[1]["monthly_limit"] is NSNull, "revert_to_default sends null")
        }

        @Test("carto: a guarded Rails console block per monthly service quota")
        func cartoScript() throws {
            let profiles = [
                StoredProfile(user: "o'neil\\", scope: "geocoding", period: .billingCycle(day: 14), limit: .limit(1000)),
            ]
            let recommendations = [
                advice("o'neil\\", scope: "geocoding", period: .billingCycle(day: 14), .raise, from: 1000, to: 1500),
                advice("o'neil\\", scope: "isolines", period: .month, .temporaryRaise, from: 2000, to: 4000),
                advice("o'neil\\", .raise, from: 5000, to: 6500),
            ]
            let limits = LimitResolver(profiles: profiles, configuration: configuration)
            let file = try #require(RecommendationApplyForm.files(
                for: recommendations, layout: CartoProfileLayout(), limits: limits, asOf: asOf, calendar: calendar).first)
            #expect(file.name == "recommendations-carto.rb" && file.applied == 2)
            #expect(file.notes.count == 1 && file.notes[0].contains("no service for this scope"))
            #expect(file.text.hasPrefix("# usage-audit limit recommendations for the geo platform, for review. NOTHING HERE HAS BEEN EXECUTED."))
            #expect(file.text.contains("""
                u = User.find(username: 'o\\'neil\\\\')
                if u && u.geocoding_quota == 1000
                  u.geocoding_quota = 1500
                  u.save
                else
                """))
            #expect(file.text.contains("if u && (u.here_isolines_quota.nil? || u.here_isolines_quota == 2000)"))
            #expect(file.text.contains("# after the job: u = User.find(username: 'o\\'neil\\\\'); u.here_isolines_quota = 2000; u.save"))
            // Every line is a comment or Ruby that keeps its quotes balanced (escaped quotes aside).
            for line in file.text.split(separator: "\n") where !line.hasPrefix("#") {
                let unescaped = line.replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\'", with: "")
                #expect(unescaped.filter { $0 == "'" }.count % 2 == 0, "unbalanced quotes: \(line)")
            }
        }

        @Test("the recommender's output goes straight into an apply form")
        func endToEnd() throws {
            var fixture = RecommendationFixture()
            fixture.store("ana", limit: .limit(5000))
            fixture.history("ana", days: 40, units: { _ in 5000 }, rejected: { _ in 300 })
            fixture.store("dora", limit: .limit(50000))
            fixture.history("dora", days: 42, units: { _ in 1000 })
            let recommendations = fixture.recommendations()
            #expect(recommendations.map(\.action) == [.raise, .revertToDefault])
            let file = try #require(RecommendationApplyForm.files(
                for: recommendations, layout: WHGProfileLayout(), limits: fixture.limits, asOf: fixture.asOf,
                calendar: fixture.calendar).first)
            #expect(file.applied == 2)
            #expect(file.text.contains("SET \"daily_limit\" = 6500 WHERE"))
            #expect(file.text.contains("SET \"daily_limit\" = 5000 WHERE \"user_id\" = (SELECT \"id\" FROM \"auth_user\" "
                + "WHERE \"username\" = 'dora') AND \"daily_limit\" = 50000;"))
        }
    }
}
