import Foundation
import Testing
@testable import UsageAudit

@Suite struct LongProfileLayoutTests {
    private let layout = LongProfileLayout()

    private func profile(_ cells: [String: String], context: ProfileReadContext = ProfileReadContext()) throws -> StoredProfile {
        let profiles = try layout.profiles(from: ProfileFixture.row(cells), context: context)
        #expect(profiles.count == 1)
        return try #require(profiles.first)
    }

    @Test func readsEveryColumn() throws {
        let profile = try profile([
            "user": " ana ", "scope": "isolines", "period": "month@31", "limit": "2000", "used": "1850",
            "total": "99000", "hard": "false", "snapshot_at": "2026-11-21T06:00:00+01:00", "block_price": "1500.5",
            "period_start": "2026-10-31",
        ])
        #expect(profile == StoredProfile(
            user: "ana", scope: "isolines", period: .billingCycle(day: 31), limit: .limit(2000), used: 1850,
            total: 99000, hard: false, blockPrice: 1500.5, snapshotAt: 1_795_237_200,
            periodStart: ProfileFixture.day(2026, 10, 31), origin: "test.csv:2",
            rowKey: StoredRowKey(period: "month@31", periodStart: "2026-10-31")))
    }

    @Test("a user name keeps invisible characters that are not blanks: a zero-width space is part of another user's name")
    func keepsInvisibleCharacters() throws {
        #expect(try profile(["user": "\u{200B}j.weber", "scope": "all", "period": "day"]).user == "\u{200B}j.weber")
        #expect(try profile(["user": "j.weber\u{2060}", "scope": "all", "period": "day"]).user == "j.weber\u{2060}")
        #expect(try profile(["user": "\tj.weber \u{00A0}", "scope": "all", "period": "day"]).user == "j.weber")
    }

    @Test("the row key keeps the period and period_start cells as the store wrote them (for --fix-sql)")
    func keepsTheStoredSpelling() throws {
        let profile = try profile(["user": "ana", "scope": "all", "period": "30", "period_start": "2026-11-01T00:00:00Z"])
        #expect(profile.period.name == "30d")
        #expect(profile.rowKey == StoredRowKey(period: "30", periodStart: "2026-11-01T00:00:00Z"))
        #expect(try self.profile(["user": "ana", "scope": "all", "period": "Day"]).rowKey == StoredRowKey(period: "Day"))
    }

    @Test func appliesTheLimitConventions() throws {
        let base = ["user": "ana", "scope": "all", "period": "day"]
        #expect(try profile(base.merging(["limit": "-1"]) { $1 }).limit == .unlimited)
        #expect(try profile(base.merging(["limit": "0"]) { $1 }).limit == .limit(0))
        #expect(try profile(base.merging(["limit": "5000"]) { $1 }).limit == .limit(5000))
        #expect(try profile(base.merging(["limit": " "]) { $1 }).limit == .useDefault)
        #expect(try profile(base).limit == .useDefault)
        let profile = try profile(base)
        #expect(profile.used == nil && profile.total == nil && profile.hard == nil && profile.snapshotAt == nil)
    }

    @Test func readsJSONNullAndNumbersLikeTheirText() throws {
        let row = ProfileRow(values: [
            "user": .text("ana"), "scope": .text("all"), "period": .text("week"), "limit": .null,
            "used": .integer(12), "total": .number(40), "hard": .boolean(true), "block_price": .integer(3),
        ], origin: "p.json[0]")
        let profile = try #require(try layout.profiles(from: row, context: ProfileReadContext()).first)
        #expect(profile.limit == .useDefault && profile.used == 12 && profile.total == 40)
        #expect(profile.hard == true && profile.blockPrice == 3 && profile.period == .week)
    }

    @Test func readsATimeWithoutOffsetInTheConfiguredZone() throws {
        let context = ProfileReadContext(timeZone: TimeZone(identifier: "America/New_York")!)
        let profile = try profile(["user": "a", "scope": "all", "period": "day", "snapshot_at": "2026-01-25 00:00:00"], context: context)
        #expect(profile.snapshotAt == 1_769_317_200)  // 05:00Z
    }

    @Test func givesWindowsTheConfiguredAnchor() throws {
        let anchor = ProfileFixture.day(2026, 1, 25)
        let other = ProfileFixture.day(2026, 1, 1)
        let context = ProfileReadContext(quotaPeriods: [
            (scope: "exports", period: .days(30, anchor: other)), (scope: "all", period: .days(30, anchor: anchor)),
        ])
        #expect(try profile(["user": "a", "scope": "all", "period": "30d"], context: context).period == .days(30, anchor: anchor))
        #expect(try profile(["user": "a", "scope": "x", "period": "30d"], context: context).period == .days(30, anchor: other))
        #expect(try profile(["user": "a", "scope": "x", "period": "7"], context: context).period == .days(7, anchor: LocalDay(number: 0)))
    }

    @Test func refusesBadValuesNamingRowAndColumn() {
        let base = ["user": "ana", "scope": "all", "period": "day"]
        let cases: [([String: String], String)] = [
            (["limit": "-2"], "limit"), (["limit": "lots"], "limit"), (["used": "-5"], "used"), (["used": "1.5"], "used"),
            (["hard": "maybe"], "hard"), (["snapshot_at": "yesterday"], "snapshot_at"), (["block_price": "-1"], "block_price"),
            (["period": "fortnight"], "period"), (["period_start": "2026-02-30"], "period_start"),
        ]
        for (cells, column) in cases {
            let error = profileError { _ = try layout.profiles(from: ProfileFixture.row(base.merging(cells) { $1 }), context: ProfileReadContext()) }
            guard case .badValue(let origin, let badColumn, _, _)? = error else {
                Issue.record("expected a bad value for \(cells), got \(String(describing: error))")
                continue
            }
            #expect(origin == "test.csv:2" && badColumn == column)
            #expect(error!.description.contains("test.csv:2") && !error!.isUnreadable)
        }
    }

    @Test("a column that is a near miss of one it reads and the source lacks is named for a warning; other extra columns are not")
    func refusesMisspeltColumns() throws {
        let base = ["user", "scope", "period"]
        func miss(_ extra: [String]) -> String? { layout.misspelledColumn(in: base + extra).map { "\($0.column)→\($0.meant)" } }
        #expect(miss(["limt", "used"]) == "limt→limit")
        #expect(miss(["limit", "totl"]) == "totl→total")
        #expect(miss(["Limit"]) == "Limit→limit")
        #expect(miss(["snapshotat"]) == "snapshotat→snapshot_at")
        // Not near any column it reads, or near one the source has.
        for extra in [["email", "note", "user_id", "period_end", "plan"], ["limit", "limits"], ["hard_limit", "id", "day"], ["shard", "hash", "card", "head"], ["block_size"]] {
            #expect(miss(extra) == nil, "\(extra)")
        }
        let fixture = try ProfileFixture()
        let path = try fixture.write("user,scope,period,limt,used\nana,all,day,500,50\n", to: "typo.csv")
        let loaded = try ProfileStore.loadNamingLayout(path)
        #expect(loaded.misspelling.map { "\($0.column)→\($0.meant)" } == "limt→limit")
        #expect(loaded.profiles.first?.limit == .useDefault, "read as written: the limit is empty")
    }

    @Test func requiresUserScopeAndPeriod() {
        let missing = profileError { _ = try layout.profiles(from: ProfileFixture.row(["user": "a", "scope": "all"]), context: ProfileReadContext()) }
        #expect(missing == .missingColumn(origin: "test.csv:2", layout: "long", column: "period"))
        let empty = profileError { _ = try layout.profiles(from: ProfileFixture.row(["user": "", "scope": "all", "period": "day"]), context: ProfileReadContext()) }
        guard case .badValue(_, "user", _, _)? = empty else {
            Issue.record("an empty user must be refused, got \(String(describing: empty))")
            return
        }
    }
}
