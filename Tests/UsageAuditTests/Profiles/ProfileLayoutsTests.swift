import Testing
@testable import UsageAudit

@Suite struct ProfileLayoutsTests {
    @Test func findsLayoutsByName() {
        #expect(ProfileLayouts.names == ["long", "whg", "waldur", "carto", "smart-ratelimit"])
        #expect(ProfileLayouts.named("Smart-Ratelimit")?.name == "smart-ratelimit")
        #expect(ProfileLayouts.named("django") == nil)
    }

    @Test func recognisesEachNativeShapeByItsColumns() throws {
        let cases: [([String], String)] = [
            (["user", "scope", "period", "limit", "used", "total", "hard", "snapshot_at"], "long"),
            (["user", "daily_count", "daily_limit", "total_count"], "whg"),
            (["id", "user_id", "daily_count", "daily_reset", "total_count", "daily_limit"], "whg"),
            (["daily_limit", "daily_usage", "weekly_limit", "weekly_usage", "monthly_limit", "monthly_usage"], "waldur"),
            (["monthly_limit", "monthly_usage", "user"], "waldur"),
            (["username", "geocoding", "here_isolines", "period_end_date"], "carto"),
            (["user", "here_isolines_quota", "soft_here_isolines_limit"], "carto"),
            (["id", "key", "scope", "used", "limit", "period", "period_start", "reset_at", "updated_at"], "smart-ratelimit"),
        ]
        for (columns, name) in cases {
            #expect(try ProfileLayouts.recognising(columns: columns, source: "s").name == name, "\(columns)")
        }
    }

    @Test func refusesUnknownAndAmbiguousColumns() {
        #expect(profileError { _ = try ProfileLayouts.recognising(columns: ["a"], source: "s") }
            == .unrecognisedLayout(source: "s", keys: ["a"]))
        #expect(profileError { _ = try ProfileLayouts.recognising(columns: ["daily_count", "daily_limit", "daily_usage"], source: "s") }
            == .ambiguousLayout(source: "s", layouts: ["whg", "waldur"]))
    }
}
