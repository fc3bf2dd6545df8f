import Foundation
import GRDB
import Testing
@testable import UsageAudit

@Suite("SQLiteStateStore hourly slots")
struct SQLiteStateStoreSlotsTests {
    private let counts = UsageCounts(requests: 2, units: 2, rejected: 0, firstSeen: 7_200, lastSeen: 7_300)

    @Test("names with a NUL byte are read back whole, in the hourly slots as in the daily cells")
    func namesWithANul() throws {
        let folder = try TemporaryFolder("state")
        let store = try SQLiteStateStore(path: folder.file("s.sqlite"))
        _ = try store.open(timeZoneName: "UTC")
        let users = ["a\u{0}b", "a\u{0}c", "a"]
        try store.commit(StateUpdate(
            inputs: [],
            cells: users.map { StoredCell(user: $0, scope: "all", day: LocalDay(number: 0), counts: counts) },
            slots: users.map { StoredSlot(user: $0, scope: "all", start: 7_200, counts: counts) },
            run: RunRecord(startedAt: 1, asOf: 2, inputs: 0, lines: 0, version: "test")))
        let history = try store.history(from: LocalDay(number: 0))
        #expect(Set(history.slots.map { Array($0.user.utf8) }) == Set(users.map { Array($0.utf8) }))
        #expect(Set(history.cells.map { Array($0.user.utf8) }) == Set(users.map { Array($0.utf8) }))
    }

    /// A store as version 2 left it, with the hourly rows `rows` (SQL values).
    private func versionTwoStore(in folder: TemporaryFolder, rows: [String]) throws -> String {
        let path = folder.file("s.sqlite")
        try SQLiteStateStoreTests.writeOldStore(at: path, version: 2, SQLiteStateStoreTests.versionTwoUsageTables) { database in
            for row in rows { try database.execute(sql: "INSERT INTO audit_hourly_usage VALUES (\(row))") }
        }
        return path
    }

    @Test("version 2's hourly rows of names that differ after a NUL byte stay apart when packed")
    func migratesNamesWithANul() throws {
        let folder = try TemporaryFolder("state")
        let path = try versionTwoStore(in: folder, rows: [
            "'a' || char(0) || 'b', 'all', 7200, 2, 2, 0, 7200, 7300", "'a' || char(0) || 'c', 'all', 7200, 5, 5, 0, 7200, 7300",
        ])
        let store = try SQLiteStateStore(path: path)
        _ = try store.open(timeZoneName: "UTC")
        let slots = try store.history(from: LocalDay(number: 0)).slots
        #expect(slots.map(\.counts.units).sorted() == [2, 5])
        #expect(Set(slots.map { Array($0.user.utf8) }) == [Array("a\u{0}b".utf8), Array("a\u{0}c".utf8)])
    }

    @Test("a damaged version-2 hourly row stops the migration, naming it", arguments: [
        ("X'616E6E', 'all', 7200, 2, 2, 0, 7200, 7300", "audit_hourly_usage, ?: user_name is not a text"),
        ("'ann', 'all', 7200, 'two', 2, 0, 7200, 7300", "audit_hourly_usage, ann (all): requests is not an integer"),
    ])
    func damagedVersionTwoRow(row: String, said: String) throws {
        let folder = try TemporaryFolder("state")
        let path = try versionTwoStore(in: folder, rows: [row])
        #expect {
            _ = try SQLiteStateStore(path: path).open(timeZoneName: "UTC")
        } throws: { error in
            guard case StateError.unavailable(_, let reason) = error else { return false }
            return reason.hasPrefix("a row of it is damaged (\(said))")
        }
    }
}
