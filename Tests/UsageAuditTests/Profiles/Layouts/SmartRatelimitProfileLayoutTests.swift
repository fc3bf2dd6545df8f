import Foundation
import Testing
@testable import UsageAudit

@Suite struct SmartRatelimitProfileLayoutTests {
    private let layout = SmartRatelimitProfileLayout()

    private func profile(_ values: [String: ProfileValue], context: ProfileReadContext = ProfileReadContext()) throws -> StoredProfile {
        let profiles = try layout.profiles(from: ProfileRow(values: values, origin: "table django_smart_ratelimit_quota row 1"), context: context)
        #expect(profiles.count == 1)
        return try #require(profiles.first)
    }

    @Test func readsAQuotaRow() throws {
        let profile = try profile([
            "id": .integer(1), "key": .text("quota:user:42"), "scope": .text(""), "used": .integer(8123), "limit": .integer(10000),
            "period": .text("month"), "period_start": .text("2026-01-01 00:00:00"), "reset_at": .text("2026-02-01 00:00:00"),
            "updated_at": .text("2026-01-25 14:30:00"),
        ])
        #expect(profile == StoredProfile(
            user: "42", scope: "all", period: .month, limit: .limit(10000), used: 8123,
            periodStart: ProfileFixture.day(2026, 1, 1), origin: "table django_smart_ratelimit_quota row 1"))
    }

    @Test func derivesUsersFromKeys() {
        #expect(SmartRatelimitProfileLayout.user(fromKey: "user:42") == "42")
        #expect(SmartRatelimitProfileLayout.user(fromKey: "quota:user:42") == "42")
        #expect(SmartRatelimitProfileLayout.user(fromKey: "ip:203.0.113.9") == "ip:203.0.113.9")
        // The label the logs give the same key, so that the profile and the use meet.
        #expect(SmartRatelimitProfileLayout.user(fromKey: "quota:api_key:sk_live_abcdef123") == MaskedKey.label("sk_live_abcdef123"))
        #expect(SmartRatelimitProfileLayout.user(fromKey: "tenant:7") == "tenant:7")
        #expect(SmartRatelimitProfileLayout.user(fromKey: "user:") == "user:")
    }

    @Test func keepsNamedScopesAndReadsEveryPeriodSpelling() throws {
        let anchor = ProfileFixture.day(2025, 12, 1)
        let context = ProfileReadContext(quotaPeriods: [(scope: "exports", period: .days(30, anchor: anchor))])
        let base: [String: ProfileValue] = ["key": .text("user:1"), "scope": .text("exports"), "used": .integer(1), "limit": .integer(5)]
        var periods: [Period] = []
        for text in ["day", "week", "month", "year", "30d", "7"] {
            periods.append(try profile(base.merging(["period": .text(text)]) { $1 }, context: context).period)
        }
        #expect(periods == [.day, .week, .month, .year, .days(30, anchor: anchor), .days(7, anchor: LocalDay(number: 0))])
        #expect(try profile(base.merging(["period": .text("day")]) { $1 }).scope == "exports")
    }

    @Test func readsTheWindowStartInUTCAndTheConfiguredZone() throws {
        // django-smart-ratelimit in America/New_York stores the local midnight 2026-01-25 as 05:00 UTC.
        let context = ProfileReadContext(timeZone: TimeZone(identifier: "America/New_York")!)
        let profile = try profile(["key": .text("user:1"), "limit": .integer(5), "used": .integer(1), "period": .text("30d"),
                                   "period_start": .text("2026-01-25 05:00:00")], context: context)
        #expect(profile.periodStart == ProfileFixture.day(2026, 1, 25))
    }

    @Test func readsTheIntrospectionShape() throws {
        let profile = try profile(["key": .text("user:9"), "usage": .integer(3), "limit": .integer(0), "period": .text("day")])
        #expect(profile.used == 3 && profile.limit == .limit(0))
    }

    @Test func refusesNegativeLimitsAndZeroDayWindows() {
        let negative = profileError { _ = try profile(["key": .text("user:1"), "limit": .integer(-1), "used": .integer(0), "period": .text("day")]) }
        guard case .badValue(_, "limit", "-1", _)? = negative else {
            Issue.record("expected a bad limit, got \(String(describing: negative))")
            return
        }
        let zero = profileError { _ = try profile(["key": .text("user:1"), "limit": .integer(1), "used": .integer(0), "period": .text("0d")]) }
        guard case .badValue(_, "period", "0d", let expected)? = zero else {
            Issue.record("expected a bad period, got \(String(describing: zero))")
            return
        }
        #expect(expected.contains("1 to 36525"))
    }
}
