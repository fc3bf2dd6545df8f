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

    /// The runs and inputs tables as versions 1 to 3 wrote them (verbatim).
    static let runAndInputTables = """
        CREATE TABLE audit_runs (id INTEGER PRIMARY KEY, started_at BIGINT NOT NULL, as_of BIGINT NOT NULL,
            inputs BIGINT NOT NULL, lines BIGINT NOT NULL, version TEXT NOT NULL);
        CREATE TABLE audit_inputs (id INTEGER PRIMARY KEY, head_length BIGINT NOT NULL, head_digest TEXT NOT NULL, line_digest TEXT NOT NULL,
            length BIGINT NOT NULL, checksum BIGINT NOT NULL, name TEXT NOT NULL, lines BIGINT NOT NULL,
            first_time BIGINT, last_time BIGINT, days TEXT NOT NULL, counted_at BIGINT NOT NULL);
        CREATE UNIQUE INDEX audit_inputs_head ON audit_inputs (head_length, head_digest);
        """

    /// Writes a store at `path` as schema `version` left it: its meta rows (the version, the
    /// zone UTC), the runs and inputs tables, then `tables` (usage tables and rows, verbatim
    /// SQL) and whatever `rows` adds.
    static func writeOldStore(at path: String, version: Int, _ tables: String, rows: (Database) throws -> Void = { _ in }) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { database in
            try database.execute(sql: """
                CREATE TABLE audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT INTO audit_meta (key, value) VALUES ('schema_version', '\(version)'), ('timezone', 'UTC');
                \(runAndInputTables)
                \(tables)
                """)
            try rows(database)
        }
        try queue.close()
    }

    /// The usage tables as version 2 left them (verbatim).
    static let versionTwoUsageTables = """
        CREATE TABLE audit_daily_usage (user_name TEXT NOT NULL, scope TEXT NOT NULL, day BIGINT NOT NULL,
            requests BIGINT NOT NULL, units BIGINT NOT NULL, rejected BIGINT NOT NULL,
            first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, PRIMARY KEY (user_name, scope, day)) WITHOUT ROWID;
        CREATE TABLE audit_hourly_usage (user_name TEXT NOT NULL, scope TEXT NOT NULL, slot_start BIGINT NOT NULL,
            requests BIGINT NOT NULL, units BIGINT NOT NULL, rejected BIGINT NOT NULL,
            first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, PRIMARY KEY (user_name, scope, slot_start)) WITHOUT ROWID;
        """

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

    @Test("a store kept under another name of the same zone is accepted: UTC and Etc/UTC, Asia/Calcutta and Asia/Kolkata")
    func zoneAlias() throws {
        let folder = try TemporaryFolder("state")
        _ = try SQLiteStateStore(path: folder.file("s.sqlite")).open(timeZoneName: "UTC")
        _ = try SQLiteStateStore(path: folder.file("s.sqlite")).open(timeZoneName: "Etc/UTC")
        _ = try SQLiteStateStore(path: folder.file("k.sqlite")).open(timeZoneName: "Asia/Kolkata")
        _ = try SQLiteStateStore(path: folder.file("k.sqlite")).open(timeZoneName: "Asia/Calcutta")
        #expect(throws: StateError.self) { _ = try SQLiteStateStore(path: folder.file("k.sqlite")).open(timeZoneName: "Asia/Karachi") }
        #expect(!TimeZoneAlias.sameZone("Europe/Berlin", "Europe/Paris"))
        #expect(!TimeZoneAlias.sameZone("Europe/Berlin", "../zoneinfo/Europe/Berlin"))
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

    @Test("a stored input whose head grew and a new copy of its old head, in one update, listed in either order: both stored")
    func headMovedOnAndCopyOfTheOldHead() throws {
        let folder = try TemporaryFolder("state")
        let store = try SQLiteStateStore(path: folder.file("s.sqlite"))
        _ = try store.open(timeZoneName: "UTC")
        try store.commit(update(inputs: [input("access.log", length: 10)]))
        var grown = try store.open(timeZoneName: "UTC").records[0]
        grown.headLength = 20
        grown.headDigest = String(repeating: "b", count: 64)
        grown.length = 20
        grown.countedBefore = 10
        // The copy has the old head: inserted before the grown record moves on, it met the
        // old head in the unique index and the commit failed as a concurrent run.
        let copy = input("copy.log", length: 10)
        try store.commit(update(inputs: [copy, grown], units: 3))
        let records = try store.open(timeZoneName: "UTC").records
        #expect(records.map(\.name).sorted() == ["access.log", "copy.log"])
        #expect(records.map(\.headLength).sorted() == [10, 20])
    }

    @Test("an update built on a history that another run's commit overtook writes nothing: overtaken")
    func overtaken() throws {
        let folder = try TemporaryFolder("state")
        let store = try SQLiteStateStore(path: folder.file("s.sqlite"))
        _ = try store.open(timeZoneName: "UTC")
        let read = try store.history(from: LocalDay(number: 0))
        #expect(read.lastRun == 0)
        // Two runs read the same history; the first commits its total of 7 …
        var first = update(inputs: [input("a.log", length: 50)], units: 7)
        first.readAfterRun = read.lastRun
        try store.commit(first)
        // … and the second's total, made without those 7, would replace them.
        var second = update(inputs: [input("b.log", length: 60, digest: "b")], units: 5)
        second.readAfterRun = read.lastRun
        #expect(throws: StateError.overtaken(store: store.path)) { try store.commit(second) }
        let after = try store.history(from: LocalDay(number: 0))
        #expect(after.cells.map(\.counts.units) == [7] && after.lastRun == 1)
        #expect(try store.open(timeZoneName: "UTC").records.map(\.name) == ["a.log"])
        // Read again, it commits.
        second.readAfterRun = after.lastRun
        try store.commit(second)
        #expect(try store.history(from: LocalDay(number: 0)).lastRun == 2)
    }

    @Test("an update its confirmation refuses is rolled back: abandoned, nothing of it written")
    func refusedConfirmation() throws {
        let folder = try TemporaryFolder("state")
        let store = try SQLiteStateStore(path: folder.file("s.sqlite"))
        _ = try store.open(timeZoneName: "UTC")
        try store.commit(update(inputs: [input("access.log", length: 50)], units: 7))
        var refused = update(inputs: [input("other.log", length: 20, digest: "c")], units: 1000)
        refused.confirmation = { false }
        #expect(throws: StateError.abandoned(store: store.path)) { try store.commit(refused) }
        #expect(try store.history(from: LocalDay(number: 0)).cells.map(\.counts.units) == [7])
        #expect(try store.open(timeZoneName: "UTC").records.map(\.name) == ["access.log"])
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

    @Test("a store of schema version 1 moves to version 4: usage tables without rowid, cells and slots packed, every row kept")
    func migratesVersionOne() throws {
        let folder = try TemporaryFolder("state")
        let path = folder.file("s.sqlite")
        // The store as version 1 wrote it (its statements, verbatim), with one cell and one slot.
        try Self.writeOldStore(at: path, version: 1, """
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
        let queue = try DatabaseQueue(path: path)
        let store = try SQLiteStateStore(path: path)
        _ = try store.open(timeZoneName: "UTC")
        let history = try store.history(from: LocalDay(number: 0))
        #expect(history.cells.map(\.counts) == [UsageCounts(requests: 4, units: 9, rejected: 1, firstSeen: 10, lastSeen: 20)])
        #expect(history.cells.map(\.user) == ["ann"])
        #expect(history.slots == [StoredSlot(
            user: "ann", scope: "geocoding", start: 7200,
            counts: UsageCounts(requests: 4, units: 9, rejected: 1, firstSeen: 10, lastSeen: 20))])
        try queue.read { database in
            #expect(try String.fetchOne(database, sql: "SELECT value FROM audit_meta WHERE key = 'schema_version'") == "4")
            for table in ["audit_daily_usage", "audit_hourly_usage"] {
                let sql = try String.fetchOne(database, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table])
                #expect(sql?.hasSuffix("WITHOUT ROWID") == true, "\(table): \(sql ?? "missing")")
            }
            #expect(try String.fetchOne(database, sql: "SELECT name FROM sqlite_master WHERE name LIKE '%_v_' OR name = 'audit_daily_usage_day'") == nil)
            #expect(try Int.fetchOne(database, sql: "SELECT count(*) FROM pragma_table_info('audit_hourly_usage') WHERE name = 'slots'") == 1)
            #expect(try Int.fetchOne(database, sql: "SELECT count(*) FROM pragma_table_info('audit_daily_usage') WHERE name = 'days'") == 1)
        }
        // And the migrated store takes the next run's commit.
        try store.commit(update(inputs: [input("access.log", length: 50)], units: 5))
        #expect(try store.history(from: LocalDay(number: 0)).cells.map(\.counts.units) == [5])
    }

    @Test("a store of schema version 2 moves to version 4: each user's slots of a scope packed into one row")
    func migratesVersionTwo() throws {
        let folder = try TemporaryFolder("state")
        let path = folder.file("s.sqlite")
        // Version 2's tables, as its migration left them, with slots of two users and two scopes.
        try Self.writeOldStore(at: path, version: 2, """
                \(Self.versionTwoUsageTables)
                INSERT INTO audit_hourly_usage VALUES ('bob', 'all', 3600, 2, 2, 0, 3601, 3700);
                INSERT INTO audit_hourly_usage VALUES ('ann', 'routing', 7200, 1, 40, 1, 7300, 7300);
                INSERT INTO audit_hourly_usage VALUES ('ann', 'all', 7200, 5, 5, 0, 7201, 7999);
                INSERT INTO audit_hourly_usage VALUES ('ann', 'all', 3600, 3, 3, 2, 3600, 7199);
                """)
        let queue = try DatabaseQueue(path: path)
        let store = try SQLiteStateStore(path: path)
        _ = try store.open(timeZoneName: "UTC")
        let slots = try store.history(from: LocalDay(number: 0)).slots
        #expect(slots.sorted { ($0.user, $0.scope, $0.start) < ($1.user, $1.scope, $1.start) } == [
            StoredSlot(user: "ann", scope: "all", start: 3600, counts: UsageCounts(requests: 3, units: 3, rejected: 2, firstSeen: 3600, lastSeen: 7199)),
            StoredSlot(user: "ann", scope: "all", start: 7200, counts: UsageCounts(requests: 5, units: 5, rejected: 0, firstSeen: 7201, lastSeen: 7999)),
            StoredSlot(user: "ann", scope: "routing", start: 7200, counts: UsageCounts(requests: 1, units: 40, rejected: 1, firstSeen: 7300, lastSeen: 7300)),
            StoredSlot(user: "bob", scope: "all", start: 3600, counts: UsageCounts(requests: 2, units: 2, rejected: 0, firstSeen: 3601, lastSeen: 3700)),
        ])
        let (version, rows) = try queue.read { database in
            (try String.fetchOne(database, sql: "SELECT value FROM audit_meta WHERE key = 'schema_version'"),
             try Int.fetchOne(database, sql: "SELECT count(*) FROM audit_hourly_usage"))
        }
        #expect(version == "4")
        #expect(rows == 3)
    }

    @Test("slots committed in any order are read back, one packed row per user and scope")
    func slotsInAnyOrder() throws {
        let folder = try TemporaryFolder("state")
        let path = folder.file("s.sqlite")
        let store = try SQLiteStateStore(path: path)
        _ = try store.open(timeZoneName: "UTC")
        func slot(_ user: String, _ scope: String, _ hour: Int64) -> StoredSlot {
            StoredSlot(user: user, scope: scope, start: hour * 3600, counts: UsageCounts(
                requests: hour, units: -hour, rejected: 0, firstSeen: hour * 3600 + 1, lastSeen: hour * 3600 + 3599))
        }
        let slots = [slot("zoë", "all", 5), slot("ann", "all", 7), slot("zoë", "all", 2), slot("ann", "other", 1), slot("ann", "all", 3)]
        var update = update(inputs: [input("access.log", length: 50)])
        update.slots = RowSource(slots)
        try store.commit(update)
        let read = try store.history(from: LocalDay(number: 0)).slots
        #expect(Set(read) == Set(slots))
        #expect(read.count == slots.count)
        let rows = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_hourly_usage") }
        #expect(rows == 3)
    }

    @Test("two spellings of a name that Swift deems equal are two users, each with its own slots")
    func namesByBytes() throws {
        let folder = try TemporaryFolder("state")
        let store = try SQLiteStateStore(path: folder.file("s.sqlite"))
        _ = try store.open(timeZoneName: "UTC")
        let counts = UsageCounts(requests: 1, units: 1, rejected: 0, firstSeen: 3600, lastSeen: 3600)
        // "e" + combining acute, then precomposed "é": adjacent in byte order, equal as Strings.
        let decomposed = StoredSlot(user: "ren\u{65}\u{301}", scope: "all", start: 3600, counts: counts)
        let precomposed = StoredSlot(user: "ren\u{E9}", scope: "all", start: 7200, counts: counts)
        #expect(decomposed.user == precomposed.user)
        var update = update(inputs: [input("access.log", length: 50)])
        update.slots = RowSource([decomposed, precomposed])
        try store.commit(update)
        let read = try store.history(from: LocalDay(number: 0)).slots
        #expect(read.map { Array($0.user.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
            == [Array(decomposed.user.utf8), Array(precomposed.user.utf8)])
        #expect(read.first { $0.user.utf8.elementsEqual(precomposed.user.utf8) }?.start == 7200)
    }

    /// A store in `folder` with one run committed, then damaged by `damage` (SQL run on it).
    private func damagedStore(in folder: TemporaryFolder, _ damage: String) throws -> SQLiteStateStore {
        let path = folder.file("s.sqlite")
        let store = try SQLiteStateStore(path: path)
        _ = try store.open(timeZoneName: "UTC")
        try store.commit(update(inputs: [input("access.log", length: 50)]))
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: damage) }
        try queue.close()
        return store
    }

    @Test("a damaged packed row makes the store unavailable, naming the row")
    func damagedSlots() throws {
        let folder = try TemporaryFolder("state")
        let store = try damagedStore(in: folder, "UPDATE audit_hourly_usage SET slots = x'FF'")
        #expect {
            _ = try store.history(from: LocalDay(number: 0))
        } throws: { error in
            guard case StateError.unavailable(_, let reason) = error else { return false }
            return reason.contains("ann (geocoding)") && reason.contains("damaged")
        }
    }

    @Test("a damaged daily row makes the store unavailable, naming the row and what is wrong", arguments: [
        ("UPDATE audit_daily_usage SET user_name = CAST(user_name AS BLOB)", "?: user_name is not a text"),
        ("UPDATE audit_daily_usage SET scope = CAST(scope AS BLOB)", "?: scope is not a text"),
        ("UPDATE audit_daily_usage SET block_start = 'x'", "ann (geocoding): block_start is not an integer"),
        ("UPDATE audit_daily_usage SET block_start = block_start + 1", "ann (geocoding): block_start 20001 is no first day of a block"),
        ("UPDATE audit_daily_usage SET block_start = 2199023255552", "ann (geocoding): block_start 2199023255552 is no first day"),
        ("UPDATE audit_daily_usage SET days = 'x'", "ann (geocoding): days is not a blob"),
        ("UPDATE audit_daily_usage SET days = x'FF'", "ann (geocoding): its days from 2024-10-04 do not decode"),
        ("UPDATE audit_daily_usage SET days = CAST(days || days AS BLOB)", "ann (geocoding): its days from 2024-10-04 do not decode"),
    ])
    func damagedCells(damage: String, said: String) throws {
        let folder = try TemporaryFolder("state")
        let store = try damagedStore(in: folder, damage)
        #expect {
            _ = try store.history(from: LocalDay(number: 0))
        } throws: { error in
            guard case StateError.unavailable(_, let reason) = error else { return false }
            return reason.hasPrefix("a row of it is damaged (audit_daily_usage, \(said)") && reason.contains("--state")
        }
    }

    @Test("thousands of cells of many users and scopes read back whole, from the day asked for")
    func manyCells() throws {
        let folder = try TemporaryFolder("state")
        let store = try SQLiteStateStore(path: folder.file("s.sqlite"))
        _ = try store.open(timeZoneName: "UTC")
        let scopes = ["geocoding", "routing", "other"]
        let cells = (0..<3_000).map { index -> StoredCell in
            let value = Int64(index)
            let counts = UsageCounts(requests: value, units: 2 * value, rejected: value % 5, firstSeen: 7, lastSeen: value)
            let day = LocalDay(number: 20_000 + Int32(index / 291))
            return StoredCell(user: "user-\(index % 97)", scope: scopes[index % 3], day: day, counts: counts)
        }
        try store.commit(StateUpdate(
            inputs: [input("access.log", length: 50)], cells: cells, slots: [],
            run: RunRecord(startedAt: 1, asOf: 2, inputs: 1, lines: 3, version: "test")))
        #expect(Set(try store.history(from: LocalDay(number: 0)).cells) == Set(cells))
        let recent = try store.history(from: LocalDay(number: 20_005))
        #expect(Set(recent.cells) == Set(cells.filter { $0.day.number >= 20_005 }))
        #expect(recent.firstDay == LocalDay(number: 20_000))
    }

    @Test("a damaged row of the inputs' records makes the store unavailable, not a crash")
    func damagedInputRow() throws {
        let folder = try TemporaryFolder("state")
        let store = try damagedStore(in: folder, "UPDATE audit_inputs SET first_time = 'x'")
        do {
            _ = try SQLiteStateStore(path: store.path).open(timeZoneName: "UTC")
            Issue.record("a damaged row was read")
        } catch {
            guard case .unavailable(_, let reason) = error else {
                Issue.record("expected an unavailable store, got \(error)")
                return
            }
            #expect(reason.hasPrefix("a row of it is damaged") && reason.contains("--state"), "\(reason)")
        }
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

    @Test("unusable --state values are refused with a reason (a ?table= would have named the file so)",
          arguments: ["", "sqlite:", "mysql://h/db", "st/s.sqlite?table=x", "sqlite:s.db?layout=long"])
    func badLocations(text: String) {
        #expect(throws: StateError.self) { _ = try StateLocation(text) }
    }
}
