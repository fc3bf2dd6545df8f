import Testing
@testable import UsageAudit

@Suite struct WHGProfileLayoutTests {
    private let layout = WHGProfileLayout()

    private func profile(_ cells: [String: String]) throws -> StoredProfile {
        let profiles = try layout.profiles(from: ProfileFixture.row(cells), context: ProfileReadContext())
        #expect(profiles.count == 1)
        return try #require(profiles.first)
    }

    @Test func translatesTheAdminExport() throws {
        let profile = try profile(["user": "researcher", "daily_count": "4800", "daily_limit": "5000", "total_count": "12345"])
        #expect(profile == StoredProfile(
            user: "researcher", scope: "all", period: .day, limit: .limit(5000), used: 4800, total: 12345,
            origin: "test.csv:2"))
    }

    @Test func readsAZeroDailyLimitAsUnlimited() throws {
        #expect(try profile(["user": "a", "daily_count": "9000", "daily_limit": "0", "total_count": "1"]).limit == .unlimited)
    }

    @Test func readsOtherLimits() throws {
        let base = ["user": "a", "daily_count": "1", "total_count": "1"]
        #expect(try profile(base.merging(["daily_limit": ""]) { $1 }).limit == .useDefault)
        #expect(try profile(base.merging(["daily_limit": "15000"]) { $1 }).limit == .limit(15000))
        // The gazetteer refuses every call when the limit is negative (the count always exceeds it).
        #expect(try profile(base.merging(["daily_limit": "-1"]) { $1 }).limit == .limit(0))
    }

    @Test func readsTheDjangoTable() throws {
        let row = ProfileRow(values: [
            "id": .integer(3), "user_id": .integer(42), "daily_count": .integer(5000), "daily_reset": .text("2026-11-20"),
            "total_count": .integer(7460), "daily_limit": .integer(5000),
        ], origin: "table api_userapiprofile row 3")
        let profile = try #require(try layout.profiles(from: row, context: ProfileReadContext()).first)
        #expect(profile.user == "42")
        #expect(profile.periodStart == ProfileFixture.day(2026, 11, 20))
        #expect(profile.used == 5000 && profile.total == 7460 && profile.limit == .limit(5000))
        #expect(profile.hard == nil)
    }

    @Test func refusesABadCountWithItsRow() {
        let error = profileError {
            _ = try layout.profiles(
                from: ProfileFixture.row(["user": "a", "daily_count": "many", "daily_limit": "1", "total_count": "1"], origin: "whg.csv:7"),
                context: ProfileReadContext())
        }
        #expect(error == .badValue(origin: "whg.csv:7", column: "daily_count", value: "many", expected: "a whole number"))
        #expect(error?.description == "profiles whg.csv:7: column 'daily_count' holds 'many', expected a whole number")
    }

    @Test func needsAUser() {
        let error = profileError {
            _ = try layout.profiles(from: ProfileFixture.row(["daily_count": "1", "daily_limit": "1"]), context: ProfileReadContext())
        }
        #expect(error == .missingColumn(origin: "test.csv:2", layout: "whg", column: "user"))
    }

    @Test("a column a typo away from one it reads is named for a warning (with ?layout=whg forced)")
    func misspeltColumn() {
        let layout = WHGProfileLayout()
        #expect(layout.misspelledColumn(in: ["user_id", "daily_count", "daily_limt", "total_count"]).map { "\($0.column)→\($0.meant)" } == "daily_limt→daily_limit")
        #expect(layout.misspelledColumn(in: ["user_id", "daily_count", "daily_limit", "total_count", "email"]) == nil)
    }
}
