import Testing
@testable import UsageAudit

@Suite struct CartoProfileLayoutTests {
    private let layout = CartoProfileLayout()

    private func profiles(_ values: [String: ProfileValue]) throws -> [StoredProfile] {
        try layout.profiles(from: ProfileRow(values: values, origin: "users.json[0]"), context: ProfileReadContext())
    }

    @Test func readsServiceBlocksWithTheBillingDay() throws {
        let profiles = try profiles([
            "username": .text("ana"), "period_end_date": .text("2026-12-14"),
            "geocoding": .object(["quota": .integer(1000), "block_price": .integer(1500), "monthly_use": .integer(743), "hard_limit": .boolean(true)]),
            "here_isolines": .object(["quota": .integer(2000), "block_price": .number(2.5), "monthly_use": .integer(2400), "hard_limit": .boolean(false)]),
            "twitter": .object(["enabled": .boolean(false), "quota": .integer(0)]),
        ])
        #expect(profiles == [
            StoredProfile(user: "ana", scope: "geocoding", period: .billingCycle(day: 14), limit: .limit(1000), used: 743,
                          hard: true, blockPrice: 1500, origin: "users.json[0]"),
            StoredProfile(user: "ana", scope: "isolines", period: .billingCycle(day: 14), limit: .limit(2000), used: 2400,
                          hard: false, blockPrice: 2.5, origin: "users.json[0]"),
        ])
    }

    @Test func takesTheDayAsWrittenFromATimestamp() throws {
        for text in ["2026-01-31T00:00:00+00:00", "2026-01-31 00:00:00 UTC", "2026-01-31T23:30:00-05:00"] {
            let profiles = try profiles(["username": .text("a"), "period_end_date": .text(text), "geocoding": .object(["quota": .integer(1)])])
            #expect(profiles.first?.period == .billingCycle(day: 31))
        }
    }

    @Test func usesCalendarMonthsWithoutAPeriodEndDate() throws {
        let profiles = try profiles(["username": .text("a"), "period_end_date": .null, "geocoding": .object(["quota": .integer(1)])])
        #expect(profiles.first?.period == .month)
    }

    @Test func readsAMissingOrZeroQuotaAsNotActivated() throws {
        let profiles = try profiles([
            "username": .text("a"),
            "geocoding": .object(["quota": .integer(0), "monthly_use": .integer(3)]),
            "here_isolines": .object(["monthly_use": .integer(0)]),
            "mapzen_routing": .object(["quota": .null]),
        ])
        #expect(profiles.map(\.limit) == [.limit(0), .limit(0), .limit(0)])
        #expect(profiles.map(\.scope) == ["geocoding", "isolines", "routing"])
        #expect(profiles.map(\.hard) == [nil, nil, nil])
    }

    @Test func readsTheFlatRailsFields() throws {
        let row = ProfileFixture.row([
            "user": "ben", "geocoding_quota": "3000", "soft_geocoding_limit": "true", "geocoding_block_price": "1500",
            "geocoding_monthly_use": "3100", "here_isolines_quota": "0", "soft_here_isolines_limit": "false",
            "period_end_date": "2026-02-28",
        ])
        let profiles = try layout.profiles(from: row, context: ProfileReadContext())
        #expect(profiles == [
            StoredProfile(user: "ben", scope: "geocoding", period: .billingCycle(day: 28), limit: .limit(3000), used: 3100,
                          hard: false, blockPrice: 1500, origin: "test.csv:2"),
            StoredProfile(user: "ben", scope: "isolines", period: .billingCycle(day: 28), limit: .limit(0), hard: true,
                          origin: "test.csv:2"),
        ])
    }

    @Test func mapsEveryServiceToItsScopeInOneTable() {
        #expect(CartoService.all.map(\.key) == ["geocoding", "here_isolines", "mapzen_routing", "obs_snapshot", "obs_general"])
        #expect(CartoService.all.map(\.scope) == ["geocoding", "isolines", "routing", "obs_snapshot", "obs_general"])
        #expect(CartoService.all[1].softLimitField == "soft_here_isolines_limit")
    }

    @Test func refusesBadBlocksAndDates() {
        let badDate = profileError { _ = try profiles(["username": .text("a"), "period_end_date": .text("14/12/2026"), "geocoding": .object([:])]) }
        guard case .badValue("users.json[0]", "period_end_date", "14/12/2026", _)? = badDate else {
            Issue.record("expected a bad period_end_date, got \(String(describing: badDate))")
            return
        }
        let badUse = profileError { _ = try profiles(["username": .text("a"), "geocoding": .object(["monthly_use": .text("x")])]) }
        guard case .badValue(_, "geocoding.monthly_use", "x", _)? = badUse else {
            Issue.record("expected a bad geocoding.monthly_use, got \(String(describing: badUse))")
            return
        }
        let notABlock = profileError { _ = try profiles(["username": .text("a"), "geocoding": .integer(5)]) }
        guard case .badValue(_, "geocoding", "5", _)? = notABlock else {
            Issue.record("expected a bad geocoding block, got \(String(describing: notABlock))")
            return
        }
        #expect(profileError { _ = try profiles(["username": .text("a")]) }
            == .missingColumn(origin: "users.json[0]", layout: "carto", column: "geocoding (or another service block, or geocoding_quota…)"))
    }
}
