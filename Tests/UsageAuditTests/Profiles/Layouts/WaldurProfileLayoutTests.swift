import Foundation
import Testing
@testable import UsageAudit

@Suite struct WaldurProfileLayoutTests {
    private let layout = WaldurProfileLayout()

    private func profiles(_ values: [String: ProfileValue], context: ProfileReadContext = ProfileReadContext()) throws -> [StoredProfile] {
        try layout.profiles(from: ProfileRow(values: values, origin: "usage.json[0]"), context: context)
    }

    @Test func makesOneProfilePerPeriod() throws {
        let profiles = try profiles([
            "user_uuid": .text("a1b2"), "daily_limit": .integer(1000), "daily_usage": .integer(250),
            "weekly_limit": .null, "weekly_usage": .integer(900), "monthly_limit": .integer(-1), "monthly_usage": .integer(4000),
            "daily_reset_at": .text("2026-11-22T00:00:00Z"),
        ])
        #expect(profiles == [
            StoredProfile(user: "a1b2", scope: "all", period: .day, limit: .limit(1000), used: 250, origin: "usage.json[0]"),
            StoredProfile(user: "a1b2", scope: "all", period: .week, limit: .useDefault, used: 900, origin: "usage.json[0]"),
            StoredProfile(user: "a1b2", scope: "all", period: .month, limit: .unlimited, used: 4000, origin: "usage.json[0]"),
        ])
    }

    @Test func readsZeroAsBlockingAndMinusOneAsUnlimited() throws {
        let profiles = try profiles(["user": .text("u"), "daily_limit": .integer(0), "daily_usage": .integer(0),
                                     "weekly_limit": .integer(-1), "weekly_usage": .integer(3)])
        #expect(profiles.map(\.limit) == [.limit(0), .unlimited])
        #expect(profiles.map(\.period) == [.day, .week])
    }

    @Test func resolvesANullLimitWithTheSystemDefaultWhenGiven() throws {
        let profiles = try profiles([
            "username": .text("u"), "daily_limit": .null, "daily_usage": .integer(1), "daily_system_default": .integer(5000),
            "weekly_limit": .null, "weekly_usage": .integer(1), "weekly_system_default": .integer(-1),
            "monthly_limit": .null, "monthly_usage": .integer(1),
        ])
        #expect(profiles.map(\.limit) == [.limit(5000), .unlimited, .useDefault])
    }

    @Test func refusesLimitsBelowMinusOne() {
        let error = profileError { _ = try profiles(["user": .text("u"), "daily_limit": .integer(-2), "daily_usage": .integer(1)]) }
        guard case .badValue("usage.json[0]", "daily_limit", "-2", _)? = error else {
            Issue.record("expected a bad daily_limit, got \(String(describing: error))")
            return
        }
    }

    @Test func takesTheBucketOfTheLastResetAsPeriodStart() throws {
        // The table's naive times are UTC; the day is taken in the configured zone.
        let profiles = try profiles([
            "user_id": .integer(7), "daily_usage": .integer(5), "daily_limit": .null,
            "daily_reset_last_at": .text("2026-11-20 09:15:00.123456"),
            "weekly_usage": .integer(5), "weekly_limit": .null, "weekly_reset_last_at": .text("2026-11-20 09:15:00"),
            "monthly_usage": .integer(5), "monthly_limit": .null, "monthly_reset_last_at": .text("2026-11-01T00:00:00+00:00"),
        ], context: ProfileReadContext(timeZone: TimeZone(identifier: "Asia/Tokyo")!))
        #expect(profiles.map(\.user) == ["7", "7", "7"])
        #expect(profiles.map(\.periodStart) == [
            ProfileFixture.day(2026, 11, 20), ProfileFixture.day(2026, 11, 16), ProfileFixture.day(2026, 11, 1),
        ])
    }

    @Test func needsAUserAndACounter() {
        #expect(profileError { _ = try profiles(["daily_usage": .integer(1)]) }
            == .missingColumn(origin: "usage.json[0]", layout: "waldur", column: "user"))
        #expect(profileError { _ = try profiles(["user": .text("u")]) }
            == .missingColumn(origin: "usage.json[0]", layout: "waldur", column: "daily_usage (or weekly_usage, monthly_usage)"))
    }
}
