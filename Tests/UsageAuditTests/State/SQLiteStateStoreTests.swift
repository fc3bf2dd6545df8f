import Foundation
import GRDB
import Testing
@testable import UsageAudit

@Suite("SQLiteStateStore")
struct SQLiteStateStoreTests {
    private func input(_ name: String, length: Int64, digest: String = String(repeating: "a", count: 64)) -> CountedInput {
        CountedInput(
            headLength: 10, headDigest: digest, length: length, checksum: 42, name: name, lines: 3,
            first: 100, last: 200, days: [LocalDay(number: 20_000)], countedAt: 1000)
    }

    private func update(inputs: [CountedInput], units: Int64 = 5) -> StateUpdate {
        let counts = UsageCounts(requests: units, units: units, rejected: 1, firstSeen: 10, lastSeen: 20)
        return StateUpdate(
            inputs: inputs,
            cells: [StoredCell(user: "ann", scope: "geocoding", day: LocalDay(number: 20_000), counts: counts)],
            slots: [StoredSlot(user: "ann", scope: "geocoding", start: 3600, counts: counts)],
            run: RunRecord(startedAt: 1, asOf: 2, inputs: 1, lines: 3, version: "test"))
    }

    @Test("a new store is created with its folder, and what is committed is read back")
    func roundTrip() throws {
        let folder = try TemporaryFolder("state")
        let store = try SQLiteStateStore(path: folder.file("nested/state.sqlite"))
        #expect(try store.open(timeZoneName: "Europe/Berlin").records.isEmpty)
        try store.commit(update(inputs: [input("access.log", length: 50)]))
        let reopened = try SQLiteStateStore(path: folder.file("nested/state.sqlite"))
        let ledger = try reopened.open(timeZoneName: "Europe/Berlin")
        #expect(ledger.records.count == 1)
        #expect(ledger.records.first?.name == "access.log")
        #expect(ledger.records.first?.days == [LocalDay(number: 20_000)])
        #expect(ledger.records.first?.id != nil)
        let history = try reopened.history(from: LocalDay(number: 19_990))
        #expect(history.cells.map(\.counts.units) == [5])
        #expect(history.slots.map(\.start) == [3600])
        #expect(history.firstDay == LocalDay(number: 20_000))
        #expect(try reopened.history(from: LocalDay(number: 20_001)).cells.isEmpty)
    }

    @Test("a store kept in another zone is refused")
    func zoneMismatch() throws {
        let folder = try TemporaryFolder("state")
        _ = try SQLiteStateStore(path: folder.file("s.sqlite")).open(timeZoneName: "UTC")
        #expect(throws: StateError.zoneMismatch(store: folder.file("s.sqlite"), stored: "UTC", configured: "Europe/Berlin")) {
            _ = try SQLiteStateStore(path: folder.file("s.sqlite")).open(timeZoneName: "Europe/Berlin")
        }
    }

    @Test("an update based on an outdated record writes nothing at all")
    func concurrentRun() throws {
        let folder = try TemporaryFolder("state")
        let store = try SQLiteStateStore(path: folder.file("s.sqlite"))
        _ = try store.open(timeZoneName: "UTC")
        try store.commit(update(inputs: [input("access.log", length: 50)]))
        var stored = try store.open(timeZoneName: "UTC").records[0]
        // Another run moved the record on to 80 bytes …
        var other = stored
        other.length = 80
        other.countedBefore = 50
        try store.commit(update(inputs: [other], units: 7))
        // … so this run's update from 50 must fail, and its cells must not be written.
        stored.length = 90
        stored.countedBefore = 50
        #expect(throws: StateError.self) { try store.commit(update(inputs: [stored], units: 1000)) }
        #expect(try store.history(from: LocalDay(number: 0)).cells.map(\.counts.units) == [7])
        // A second new record with the same head is refused too.
        #expect(throws: StateError.self) { try store.commit(update(inputs: [input("copy", length: 50)], units: 1000)) }
        #expect(try store.history(from: LocalDay(number: 0)).cells.map(\.counts.units) == [7])
    }

    @Test("a store written by a newer version is left alone")
    func newerSchema() throws {
        let folder = try TemporaryFolder("state")
        let path = folder.file("s.sqlite")
        _ = try SQLiteStateStore(path: path).open(timeZoneName: "UTC")
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "UPDATE audit_meta SET value = '99' WHERE key = 'schema_version'") }
        #expect(throws: StateError.newerSchema(store: path, version: 99, supported: StateSchema.version)) {
            _ = try SQLiteStateStore(path: path).open(timeZoneName: "UTC")
        }
    }

    @Test("a store of schema version 1 moves to version 2: usage tables without rowid, every row kept")
    func migratesVersionOne() throws {
        let folder = try TemporaryFolder("state")
        let path = folder.file("s.sqlite")
        // The store as version 1 wrote it (its statements, verbatim), with one cell and one slot.
        let queue = try DatabaseQueue(path: path)
        try queue.write { database in
            try database.execute(sql: """
                CREATE TABLE audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT INTO audit_meta (key, value) VALUES ('schema_version', '1'), ('timezone', 'UTC');
                CREATE TABLE audit_runs (id INTEGER PRIMARY KEY, started_at BIGINT NOT NULL, as_of BIGINT NOT NULL,
                    inputs BIGINT NOT NULL, lines BIGINT NOT NULL, version TEXT NOT NULL);
                CREATE TABLE audit_inputs (id INTEGER PRIMARY KEY, head_length BIGINT NOT NULL, head_digest TEXT NOT NULL, line_digest TEXT NOT NULL,
                    length BIGINT NOT NULL, checksum BIGINT NOT NULL, name TEXT NOT NULL, lines BIGINT NOT NULL,
                    first_time BIGINT, last_time BIGINT, days TEXT NOT NULL, counted_at BIGINT NOT NULL);
                CREATE UNIQUE INDEX audit_inputs_head ON audit_inputs (head_length, head_digest);
                CREATE TABLE audit_daily_usage (user_name TEXT NOT NULL, scope TEXT NOT NULL, day BIGINT NOT NULL,
                    requests BIGINT NOT NULL, units BIGINT NOT NULL, rejected BIGINT NOT NULL,
                    first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, PRIMARY KEY (user_name, scope, day));
                CREATE INDEX audit_daily_usage_day ON audit_daily_usage (day);
                CREATE TABLE audit_hourly_usage (user_name TEXT NOT NULL, scope TEXT NOT NULL, slot_start BIGINT NOT NULL,
                    requests BIGINT NOT NULL, units BIGINT NOT NULL, rejected BIGINT NOT NULL,
                    first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, PRIMARY KEY (user_name, scope, slot_start));
                INSERT INTO audit_daily_usage VALUES ('ann', 'geocoding', 20000, 4, 9, 1, 10, 20);
                INSERT INTO audit_hourly_usage VALUES ('ann', 'geocoding', 7200, 4, 9, 1, 10, 20);
                """)
        }
        let store = try SQLiteStateStore(path: path)
        _ = try store.open(timeZoneName: "UTC")
        let history = try store.history(from: LocalDay(number: 0))
        #expect(history.cells.map(\.counts) == [UsageCounts(requests: 4, units: 9, rejected: 1, firstSeen: 10, lastSeen: 20)])
        #expect(history.cells.map(\.user) == ["ann"])
        #expect(history.slots.map(\.start) == [7200])
        try queue.read { database in
            #expect(try String.fetchOne(database, sql: "SELECT value FROM audit_meta WHERE key = 'schema_version'") == "2")
            for table in ["audit_daily_usage", "audit_hourly_usage"] {
                let sql = try String.fetchOne(database, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table])
                #expect(sql?.hasSuffix("WITHOUT ROWID") == true, "\(table): \(sql ?? "missing")")
            }
            #expect(try String.fetchOne(database, sql: "SELECT name FROM sqlite_master WHERE name LIKE '%_v2' OR name = 'audit_daily_usage_day'") == nil)
        }
        // And the migrated store takes the next run's commit.
        try store.commit(update(inputs: [input("access.log", length: 50)], units: 5))
        #expect(try store.history(from: LocalDay(number: 0)).cells.map(\.counts.units) == [5])
    }

    @Test("a file that is not a database is an unavailable store")
    func notADatabase() throws {
        let folder = try TemporaryFolder("state")
        let path = try folder.write(String(repeating: "not sqlite\n", count: 100), to: "s.sqlite")
        #expect(throws: StateError.self) { _ = try SQLiteStateStore(path: path).open(timeZoneName: "UTC") }
    }

    @Test("--state locations", arguments: [
        ("state.sqlite", StateLocation.sqlite(path: "state.sqlite")),
        ("sqlite:/var/x.db", .sqlite(path: "/var/x.db")),
        ("postgres://u@h/db", .postgres(url: "postgres://u@h/db")),
    ])
    func locations(text: String, expected: StateLocation) throws {
        #expect(try StateLocation(text) == expected)
    }

    @Test("unusable --state values are refused with a reason", arguments: ["", "sqlite:", "mysql://h/db"])
    func badLocations(text: String) {
        #expect(throws: StateError.self) { _ = try StateLocation(text) }
    }
}
