import Foundation
import GRDB
import Testing
@testable import UsageAudit

@Suite struct SQLiteProfileReaderTests {
    /// A database shaped like the gazetteer's Django table and a `long` table.
    private func makeDatabase(in fixture: ProfileFixture) throws -> String {
        let path = fixture.folder + "/app.sqlite"
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE api_userapiprofile (
                    id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, daily_count INTEGER NOT NULL,
                    daily_reset DATE NOT NULL, total_count INTEGER NOT NULL, daily_limit INTEGER NOT NULL);
                INSERT INTO api_userapiprofile VALUES (1, 42, 4800, '2026-11-21', 91000, 5000);
                INSERT INTO api_userapiprofile VALUES (2, 43, 12, '2026-11-20', 12, 0);
                CREATE TABLE usage_profiles ("user" TEXT, scope TEXT, period TEXT, "limit" INTEGER, used INTEGER,
                    total INTEGER, hard INTEGER, snapshot_at TEXT, block_price REAL);
                INSERT INTO usage_profiles VALUES ('ana', 'isolines', 'month', -1, 17, NULL, 0, '2026-11-21T06:00:00Z', 1.5);
                INSERT INTO usage_profiles VALUES ('ben', 'all', 'day', NULL, NULL, NULL, NULL, NULL, NULL);
                CREATE VIEW whg_named AS SELECT 'user' || user_id AS user, daily_count, daily_limit, total_count FROM api_userapiprofile;
                """)
        }
        try queue.close()
        return path
    }

    @Test("a database is read live and a file is not: profiles without snapshot_at get the read moment only where told")
    func liveReads() throws {
        let fixture = try ProfileFixture()
        let database = try makeDatabase(in: fixture)
        let live = try ProfileStore.loadNamingLayout("sqlite:\(database)?table=usage_profiles")
        #expect(live.isReadLive && live.layout == "long" && live.table == "usage_profiles")
        let file = try fixture.write("user,scope,period,limit,used\nben,all,day,,3\n", to: "export.csv")
        let exported = try ProfileStore.loadNamingLayout(file)
        #expect(!exported.isReadLive && exported.table == nil)
        // ana's row has a snapshot_at, ben's has none: only ben's is filled in.
        let snapshotted = live.profiles.snapshotted(at: 1_795_300_000)
        #expect(snapshotted.map(\.snapshotAt) == [live.profiles[0].snapshotAt, 1_795_300_000])
        #expect(live.profiles[0].snapshotAt != nil && live.profiles[1].snapshotAt == nil)
    }

    @Test func readsAGazetteerTable() throws {
        let fixture = try ProfileFixture()
        _ = try makeDatabase(in: fixture)
        let profiles = try fixture.load("sqlite:app.sqlite?table=api_userapiprofile")
        #expect(profiles == [
            StoredProfile(user: "42", scope: "all", period: .day, limit: .limit(5000), used: 4800, total: 91000,
                          periodStart: ProfileFixture.day(2026, 11, 21), origin: "table api_userapiprofile row 1"),
            StoredProfile(user: "43", scope: "all", period: .day, limit: .unlimited, used: 12, total: 12,
                          periodStart: ProfileFixture.day(2026, 11, 20), origin: "table api_userapiprofile row 2"),
        ])
    }

    @Test func readsALongTableAndAView() throws {
        let fixture = try ProfileFixture()
        _ = try makeDatabase(in: fixture)
        let profiles = try fixture.load("sqlite:app.sqlite?table=usage_profiles")
        #expect(profiles == [
            StoredProfile(user: "ana", scope: "isolines", period: .month, limit: .unlimited, used: 17, hard: false,
                          blockPrice: 1.5, snapshotAt: 1_795_240_800, origin: "table usage_profiles row 1",
                          rowKey: StoredRowKey(period: "month")),
            StoredProfile(user: "ben", scope: "all", period: .day, origin: "table usage_profiles row 2", rowKey: StoredRowKey(period: "day")),
        ])
        #expect(try fixture.load("sqlite:app.sqlite?table=whg_named").map(\.user) == ["user42", "user43"])
    }

    @Test func namesTheTablesWhenOneIsMissing() throws {
        let fixture = try ProfileFixture()
        let path = try makeDatabase(in: fixture)
        let error = fixture.error(loading: "sqlite:app.sqlite?table=profiles")
        #expect(error == .missingTable(
            source: "sqlite:\(path) table profiles", table: "profiles",
            available: ["api_userapiprofile", "usage_profiles", "whg_named"]))
        #expect(error?.isUnreadable == false)
    }

    @Test func neverCreatesAMissingDatabase() throws {
        let fixture = try ProfileFixture()
        let error = fixture.error(loading: "sqlite:absent.sqlite?table=t")
        #expect(error?.isUnreadable == true)
        #expect(error?.description.contains("does not exist") == true)
        #expect(!FileManager.default.fileExists(atPath: fixture.folder + "/absent.sqlite"))
    }

    @Test func opensTheDatabaseReadOnly() throws {
        let fixture = try ProfileFixture()
        let path = try makeDatabase(in: fixture)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = try fixture.load("sqlite:app.sqlite?table=api_userapiprofile")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func refusesAFileThatIsNotADatabase() throws {
        let fixture = try ProfileFixture()
        try fixture.write("user,scope,period\n", to: "text.sqlite")
        let error = fixture.error(loading: "sqlite:text.sqlite?table=t")
        #expect(error?.isUnreadable == true, "\(String(describing: error))")
    }
}
