import Foundation
import GRDB
import Testing
@testable import UsageAudit

@Suite("SQLiteDayBlockWriter")
struct SQLiteDayBlockWriterTests {
    private func counts(_ units: Int64, day: Int32 = 20_000) -> UsageCounts {
        let start = Int64(day) * 86_400
        return UsageCounts(requests: units, units: units, rejected: units % 3, firstSeen: start + 60, lastSeen: start + 3_600)
    }

    private func cell(_ user: String, _ day: Int32, _ units: Int64, scope: String = "geocoding") -> StoredCell {
        StoredCell(user: user, scope: scope, day: LocalDay(number: day), counts: counts(units, day: day))
    }

    private func update(_ cells: [StoredCell], input: String) -> StateUpdate {
        StateUpdate(
            inputs: [CountedInput(
                headLength: 10, headDigest: String(repeating: input.first.map(String.init) ?? "a", count: 64), length: 50,
                checksum: 42, name: input, lines: 3, first: 100, last: 200, days: [LocalDay(number: 20_000)], countedAt: 1000)],
            cells: cells, slots: [], run: RunRecord(startedAt: 1, asOf: 2, inputs: 1, lines: 3, version: "test"))
    }

    private func rows(_ path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_daily_usage") ?? -1 }
    }

    /// A new store in `folder`, opened.
    private func openedStore(in folder: TemporaryFolder) throws -> SQLiteStateStore {
        let store = try SQLiteStateStore(path: folder.file("s.sqlite"))
        _ = try store.open(timeZoneName: "UTC")
        return store
    }

    @Test("a later run's cells replace their days in the stored block and keep the block's other days")
    func mergesWithStoredBlocks() throws {
        let folder = try TemporaryFolder("state")
        let store = try openedStore(in: folder)
        let path = store.path
        // 20000 and 20001 share a block, 20040 is in the next one.
        try store.commit(update([cell("ann", 20_000, 1), cell("ann", 20_001, 2), cell("ann", 20_040, 3)], input: "a.log"))
        try store.commit(update([cell("ann", 20_001, 20), cell("ann", 20_002, 30), cell("bob", 20_001, 4)], input: "b.log"))
        let expected = [
            cell("ann", 20_000, 1), cell("ann", 20_001, 20), cell("ann", 20_002, 30), cell("ann", 20_040, 3), cell("bob", 20_001, 4),
        ]
        #expect(try store.history(from: LocalDay(number: 0)).cells == expected)
        #expect(try rows(path) == 3)
    }

    @Test("cells given in any order, a day twice: each block holds every day once, with its last counts", arguments: [false, true])
    func anyOrder(storeHasRows: Bool) throws {
        let folder = try TemporaryFolder("state")
        let store = try openedStore(in: folder)
        // A fresh store reads no rows back while blocks come in key order; once they do not,
        // it must, or the second group of bob's block would replace the first.
        if storeHasRows { try store.commit(update([cell("zed", 20_000, 9)], input: "a.log")) }
        try store.commit(update([
            cell("bob", 20_001, 1), cell("bob", 20_002, 7), cell("ann", 20_000, 2), cell("bob", 20_003, 3), cell("bob", 20_001, 4),
            cell("bob", 20_001, 5, scope: "all"), cell("ann", 20_000, 6, scope: "all"),
        ], input: "b.log"))
        let read = try store.history(from: LocalDay(number: 0)).cells
        #expect(Set(read) == Set([
            cell("ann", 20_000, 6, scope: "all"), cell("ann", 20_000, 2), cell("bob", 20_001, 5, scope: "all"),
            cell("bob", 20_001, 4), cell("bob", 20_002, 7), cell("bob", 20_003, 3),
        ] + (storeHasRows ? [cell("zed", 20_000, 9)] : [])))
        #expect(read.count == (storeHasRows ? 7 : 6))
    }

    @Test("a stored block that does not decode stops the commit, which then writes nothing")
    func damagedStoredBlock() throws {
        let folder = try TemporaryFolder("state")
        let store = try openedStore(in: folder)
        let path = store.path
        try store.commit(update([cell("ann", 20_000, 1), cell("bob", 20_000, 1)], input: "a.log"))
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "UPDATE audit_daily_usage SET days = x'02' WHERE user_name = 'bob'") }
        try queue.close()
        // ann's block is read and written first: the damage is named after the writer moved on.
        #expect {
            try store.commit(update([cell("ann", 20_001, 2), cell("bob", 20_001, 2)], input: "b.log"))
        } throws: { error in
            guard case StateError.unavailable(_, let reason) = error else { return false }
            return reason.contains("bob (geocoding): its days from 2024-10-04 do not decode")
        }
        #expect(try SQLiteStateStore(path: path).open(timeZoneName: "UTC").records.map(\.name) == ["a.log"])
    }

    @Test("a store of schema version 3 moves to version 4: every cell packed into its user's, scope's and block's row")
    func migratesVersionThree() throws {
        let folder = try TemporaryFolder("state")
        let path = folder.file("s.sqlite")
        // Version 3's usage tables, as its migration and stores left them, with cells of many
        // users and scopes over 100 days on either side of 1970 and of a block's edge.
        var generator = SeededRandom(seed: 3)
        var cells: [StoredCell] = []
        for user in ["ann", "bob", "zoë", "ann2", ""] {
            for scope in ["all", "geocoding"] {
                for day in stride(from: Int32(-48), to: 50, by: 1) where Bool.random(using: &generator) {
                    cells.append(StoredCell(user: user, scope: scope, day: LocalDay(number: day), counts: UsageCounts(
                        requests: .random(in: 0...1_000, using: &generator), units: .random(in: -5...5_000, using: &generator),
                        rejected: .random(in: 0...9, using: &generator),
                        firstSeen: Int64(day) * 86_400 + .random(in: 0...86_399, using: &generator),
                        lastSeen: .random(in: -1...Int64.max, using: &generator))))
                }
            }
        }
        // The first day of all, in the last row of its block in key order.
        cells.append(StoredCell(user: "zoë", scope: "other", day: LocalDay(number: -50), counts: UsageCounts(
            requests: 1, units: 1, rejected: 0, firstSeen: -50 * 86_400, lastSeen: -50 * 86_400)))
        try Self.writeVersionThreeStore(at: path) { database in
            for cell in cells.shuffled(using: &generator) {
                try database.execute(sql: "INSERT INTO audit_daily_usage VALUES (?, ?, ?, ?, ?, ?, ?, ?)", arguments: [
                    cell.user, cell.scope, cell.day.number, cell.counts.requests, cell.counts.units, cell.counts.rejected,
                    cell.counts.firstSeen, cell.counts.lastSeen,
                ])
            }
        }
        let store = try SQLiteStateStore(path: path)
        _ = try store.open(timeZoneName: "UTC")
        let history = try store.history(from: LocalDay(number: -100))
        #expect(history.cells == cells.sorted { ($0.user.utf8.lexicographicallyPrecedes($1.user.utf8)) || ($0.user == $1.user && ($0.scope, $0.day) < ($1.scope, $1.day)) })
        #expect(history.firstDay == cells.map(\.day).min())
        let recent = try store.history(from: LocalDay(number: 40))
        #expect(Set(recent.cells) == Set(cells.filter { $0.day.number >= 40 }))
        // The first day of all the history, from blocks before the ones read whole.
        #expect(recent.firstDay == cells.map(\.day).min())
        let blocks = Set(cells.map { "\($0.user)|\($0.scope)|\(DayPacking.blockStart(of: $0.day).number)" })
        #expect(try rows(path) == blocks.count)
        let reopened = try DatabaseQueue(path: path)
        defer { try? reopened.close() }
        #expect(try reopened.read { try String.fetchOne($0, sql: "SELECT value FROM audit_meta WHERE key = 'schema_version'") } == "4")
    }

    /// Version 3's usage tables, as its migration and stores left them (verbatim).
    private static let versionThreeUsageTables = """
        CREATE TABLE audit_daily_usage (user_name TEXT NOT NULL, scope TEXT NOT NULL, day BIGINT NOT NULL,
            requests BIGINT NOT NULL, units BIGINT NOT NULL, rejected BIGINT NOT NULL,
            first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, PRIMARY KEY (user_name, scope, day)) WITHOUT ROWID;
        CREATE TABLE audit_hourly_usage (user_name TEXT NOT NULL, scope TEXT NOT NULL, slots BLOB NOT NULL,
            PRIMARY KEY (user_name, scope)) WITHOUT ROWID;
        """

    /// Writes a store at `path` as version 3 left it, its daily rows inserted by `rows`.
    private static func writeVersionThreeStore(at path: String, rows: (Database) throws -> Void) throws {
        try SQLiteStateStoreTests.writeOldStore(at: path, version: 3, versionThreeUsageTables, rows: rows)
    }

    @Test("names that differ after a NUL byte, or only in their bytes, stay apart through the migration")
    func migratesNamesByTheirBytes() throws {
        let folder = try TemporaryFolder("state")
        let path = folder.file("s.sqlite")
        let names = ["a\u{0}b", "a\u{0}c", "\u{E9}", "e\u{301}"]
        // Written as SQL expressions: a bound Swift string would end at its NUL.
        let expressions = ["'a' || char(0) || 'b'", "'a' || char(0) || 'c'", "char(233)", "'e' || char(769)"]
        try Self.writeVersionThreeStore(at: path) { database in
            for (units, name) in expressions.enumerated() {
                try database.execute(
                    sql: "INSERT INTO audit_daily_usage VALUES (\(name), 'all', 20000, ?, ?, 0, 1728000000, 1728000100)",
                    arguments: [units + 1, units + 1])
            }
        }
        let store = try SQLiteStateStore(path: path)
        _ = try store.open(timeZoneName: "UTC")
        let read = try store.history(from: LocalDay(number: 0)).cells
        #expect(read.count == 4)
        for (units, name) in names.enumerated() {
            #expect(read.filter { $0.user.hasSameBytes(as: name) }.map(\.counts.units) == [Int64(units + 1)], "\(Array(name.utf8))")
        }
    }

    @Test("a damaged version-3 row stops the migration, naming it: the store stays at version 3", arguments: [
        ("INSERT INTO audit_daily_usage VALUES (X'616E6E', 'all', 20000, 1, 1, 0, 0, 0)", "?: user_name is not a text"),
        ("INSERT INTO audit_daily_usage VALUES ('ann', 'all', 20001, 'lots', 1, 0, 0, 0)", "ann (all): requests is not an integer"),
        ("INSERT INTO audit_daily_usage VALUES ('ann', 'all', 5000000000, 1, 1, 0, 0, 0)", "ann (all): day 5000000000 is no day"),
    ])
    func damagedVersionThreeRow(row: String, said: String) throws {
        let folder = try TemporaryFolder("state")
        let path = folder.file("s.sqlite")
        try Self.writeVersionThreeStore(at: path) { database in
            try database.execute(sql: "INSERT INTO audit_daily_usage VALUES ('ann', 'all', 20000, 4, 4, 0, 0, 0)")
            try database.execute(sql: row)
        }
        #expect {
            _ = try SQLiteStateStore(path: path).open(timeZoneName: "UTC")
        } throws: { error in
            guard case StateError.unavailable(_, let reason) = error else { return false }
            return reason.hasPrefix("a row of it is damaged (audit_daily_usage, \(said))") && reason.contains("--state")
        }
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        #expect(try queue.read { try String.fetchOne($0, sql: "SELECT value FROM audit_meta WHERE key = 'schema_version'") } == "3")
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_daily_usage") } == 2)
    }
}
