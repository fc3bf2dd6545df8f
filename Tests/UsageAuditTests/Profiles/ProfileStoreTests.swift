import Foundation
import Testing
@testable import UsageAudit

@Suite struct ProfileStoreTests {
    @Test func recognisesEachLayoutFromAFile() throws {
        let fixture = try ProfileFixture()
        try fixture.write("user,scope,period,limit,used\nana,all,day,-1,3\n", to: "long.csv")
        try fixture.write("user,daily_count,daily_limit,total_count\nresearcher,4800,5000,70000\n", to: "whg.csv")
        try fixture.write(#"[{"user_uuid": "u1", "daily_limit": 0, "daily_usage": 0}]"#, to: "waldur.json")
        try fixture.write(#"{"username": "ana", "geocoding": {"quota": 1000, "monthly_use": 743}, "period_end_date": "2026-12-14"}"#, to: "carto.json")
        try fixture.write("key,scope,used,limit,period,period_start\nuser:42,,8123,10000,month,2026-11-01 00:00:00\n", to: "quota.csv")
        #expect(try fixture.load("long.csv").map(\.limit) == [.unlimited])
        #expect(try fixture.load("whg.csv").map(\.used) == [4800])
        #expect(try fixture.load("waldur.json").map(\.limit) == [.limit(0)])
        #expect(try fixture.load("carto.json").map(\.period) == [.billingCycle(day: 14)])
        #expect(try fixture.load("quota.csv").map(\.user) == ["42"])
    }

    @Test func readsJSONLinesAndUserKeyedObjects() throws {
        let fixture = try ProfileFixture()
        try fixture.write("{\"user\":\"a\",\"daily_limit\":-1,\"daily_usage\":5}\n{\"user\":\"b\",\"daily_limit\":null,\"daily_usage\":1}\n", to: "w.jsonl")
        #expect(try fixture.load("w.jsonl").map(\.origin) == ["w.jsonl:1", "w.jsonl:2"])
        try fixture.write(#"{"ana": {"daily_count": 3, "daily_limit": 0, "total_count": 9}}"#, to: "whg.json")
        #expect(try fixture.load("whg.json") == [StoredProfile(
            user: "ana", scope: "all", period: .day, limit: .unlimited, used: 3, total: 9, origin: #"whg.json["ana"]"#)])
    }

    @Test func forcesALayout() throws {
        let fixture = try ProfileFixture()
        // Columns of the long layout read as the gazetteer's would fail; forced, the layout decides.
        try fixture.write("username,daily_count,daily_limit\nana,3,0\n", to: "export.csv")
        #expect(try fixture.load("export.csv?layout=whg").map(\.limit) == [.unlimited])
        let error = fixture.error(loading: "export.csv?layout=long")
        #expect(error == .missingColumn(origin: "export.csv:2", layout: "long", column: "user"))
    }

    @Test func listsTheLayoutsWhenNoneFits() throws {
        let fixture = try ProfileFixture()
        try fixture.write("name,count\nana,3\n", to: "odd.csv")
        let error = try #require(fixture.error(loading: "odd.csv"))
        #expect(error == .unrecognisedLayout(source: fixture.folder + "/odd.csv", keys: ["name", "count"]))
        for text in ["long (user, scope, period)", "whg (user, daily_count, daily_limit, total_count)", "waldur (", "carto (",
                     "smart-ratelimit (key, scope, limit, used, period)", "?layout=NAME"] {
            #expect(error.description.contains(text), "\(error.description)")
        }
        #expect(!error.isUnreadable)
    }

    @Test func refusesColumnsThatFitSeveralLayouts() throws {
        let fixture = try ProfileFixture()
        try fixture.write("user,scope,period,daily_count,daily_limit\nana,all,day,1,1\n", to: "both.csv")
        #expect(fixture.error(loading: "both.csv") == .ambiguousLayout(source: fixture.folder + "/both.csv", layouts: ["long", "whg"]))
        #expect(try fixture.load("both.csv?layout=long").count == 1)
    }

    @Test func namesTheRowOfABadValue() throws {
        let fixture = try ProfileFixture()
        try fixture.write("user,daily_count,daily_limit,total_count\na,1,5000,1\nb,1,5000,1\nc,x,5000,1\n", to: "whg.csv")
        let error = try #require(fixture.error(loading: "whg.csv"))
        #expect(error.description == "profiles whg.csv:4: column 'daily_count' holds 'x', expected a whole number")
    }

    @Test func yieldsNothingForEmptySources() throws {
        let fixture = try ProfileFixture()
        try fixture.write("[]", to: "empty.json")
        try fixture.write("user,daily_count,daily_limit,total_count\n", to: "header.csv")
        try fixture.write("", to: "blank.csv")
        #expect(try fixture.load("empty.json").isEmpty)
        #expect(try fixture.load("header.csv").isEmpty)
        #expect(try fixture.load("blank.csv").isEmpty)
    }

    @Test func reportsUnreadableFilesForExitCodeThree() throws {
        let fixture = try ProfileFixture()
        let missing = try #require(fixture.error(loading: "absent.csv"))
        #expect(missing == .unreadable(source: fixture.folder + "/absent.csv", reason: "the file does not exist: check the path"))
        #expect(missing.isUnreadable)
        #expect(missing.description == "profiles '\(fixture.folder)/absent.csv' cannot be read: the file does not exist: check the path")
        try FileManager.default.createDirectory(atPath: fixture.folder + "/dir", withIntermediateDirectories: false)
        #expect(fixture.error(loading: "dir")?.isUnreadable == true)
    }

    @Test func readsPostgresSourcesWithTheDriverOrAGivenReader() throws {
        // Without a reader the PostgreSQL driver is used: nothing listens on port 1.
        let unreachable = "postgres://audit:s3cret@127.0.0.1:1/whg?table=api_userapiprofile"
        let refused = try #require(profileError { _ = try ProfileStore.load(unreachable) })
        #expect(refused.isUnreadable && !refused.description.contains("s3cret"))
        let url = "postgres://audit:s3cret@db/whg?table=api_userapiprofile"
        let reader: ProfileStore.PostgresReader = { source throws(ProfileError) in
            #expect(source.table == "api_userapiprofile" && source.url == url)
            return ProfileTable(rows: [ProfileRow(
                values: ["user_id": .integer(5), "daily_count": .integer(2), "daily_limit": .integer(0), "total_count": .integer(2)],
                origin: "table api_userapiprofile row 1")])
        }
        #expect(try ProfileStore.load(url, postgresReader: reader).map(\.limit) == [.unlimited])
    }

    @Test func passesTheConfiguredZoneToTheLayouts() throws {
        let fixture = try ProfileFixture()
        try fixture.write("user,scope,period,snapshot_at\nana,all,day,2026-01-25T00:00:00\n", to: "p.csv")
        let context = ProfileReadContext(timeZone: TimeZone(identifier: "America/New_York")!)
        #expect(try fixture.load("p.csv", context: context).map(\.snapshotAt) == [1_769_317_200])
    }
}
