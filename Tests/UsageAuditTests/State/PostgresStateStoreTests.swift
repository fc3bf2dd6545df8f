import Foundation
import PostgresNIO
import Testing
@testable import UsageAudit

@Suite(
    "PostgresStateStore, on a live server",
    .enabled(if: PostgresTestServer.isConfigured, "no PostgreSQL server configured: eval \"$(scripts/postgres-test-server start)\"")
)
struct PostgresStateStoreTests {
    @Test("what is committed is read back by a new store: ledger, cells, slots, first day")
    func roundTrip() throws {
        let database = try PostgresStateDatabase()
        defer { database.drop() }
        let store = try database.store()
        #expect(try store.open(timeZoneName: "Europe/Berlin").records.isEmpty)
        var first = StateFixture.input("logs/access.log.2.gz", length: 50)
        first.checksum = .max
        first.first = nil
        first.last = nil
        first.days = [LocalDay(number: 20_000), LocalDay(number: 20_001)]
        let cells = [
            StoredCell(user: "Zoë \"O'Brien\" 🙂", scope: "geocoding", day: LocalDay(number: 20_000), counts: StateFixture.counts(5)),
            StoredCell(user: "ip:2001:db8::1", scope: "other", day: LocalDay(number: 20_001), counts: StateFixture.counts(.max)),
            StoredCell(user: "key:abc123…", scope: "geocoding", day: LocalDay(number: -3), counts: UsageCounts()),
        ]
        let slots = [StoredSlot(user: "Zoë \"O'Brien\" 🙂", scope: "geocoding", start: 1_728_000_000, counts: StateFixture.counts(2))]
        try store.commit(StateUpdate(
            inputs: [first], cells: cells, slots: slots, run: RunRecord(startedAt: 1, asOf: 2, inputs: 1, lines: 3, version: "1.0")))

        let reopened = try database.store()
        let ledger = try reopened.open(timeZoneName: "Europe/Berlin")
        var expected = first
        expected.id = try #require(ledger.records.first?.id)
        #expect(ledger.records == [expected])
        let history = try reopened.history(from: LocalDay(number: -10))
        #expect(Set(history.cells) == Set(cells) && history.cells.count == 3)
        #expect(history.slots == slots)
        #expect(history.firstDay == LocalDay(number: -3))
        #expect(try reopened.history(from: LocalDay(number: 20_001)).cells.map(\.counts.units) == [.max])
        #expect(try database.integer("SELECT count(*) FROM audit_runs") == 1)
        #expect(try database.integer("SELECT value::bigint FROM audit_meta WHERE key = 'schema_version'") == Int64(StateSchema.version))
    }

    @Test("an empty store has no history and no first day")
    func emptyHistory() throws {
        let database = try PostgresStateDatabase()
        defer { database.drop() }
        let store = try database.store()
        _ = try store.open(timeZoneName: "UTC")
        let history = try store.history(from: LocalDay(number: 0))
        #expect(history.cells.isEmpty && history.slots.isEmpty && history.firstDay == nil)
    }

    @Test("a store kept in another zone is refused")
    func zoneMismatch() throws {
        let database = try PostgresStateDatabase()
        defer { database.drop() }
        _ = try database.store().open(timeZoneName: "UTC")
        let store = try database.store()
        #expect(throws: StateError.zoneMismatch(store: store.description, stored: "UTC", configured: "Europe/Berlin")) {
            _ = try store.open(timeZoneName: "Europe/Berlin")
        }
    }

    @Test("an update based on an outdated record, or a second record of the same head, writes nothing at all")
    func concurrentRun() throws {
        let database = try PostgresStateDatabase()
        defer { database.drop() }
        let store = try database.store()
        _ = try store.open(timeZoneName: "UTC")
        try store.commit(StateFixture.update(inputs: [StateFixture.input("access.log", length: 50)]))
        var stored = try store.open(timeZoneName: "UTC").records[0]
        // Another run moved the record on to 80 bytes …
        var other = stored
        other.length = 80
        other.countedBefore = 50
        try store.commit(StateFixture.update(inputs: [other], units: 7))
        // … so this run's update from 50 must fail, and nothing else of it may be written.
        stored.length = 90
        stored.countedBefore = 50
        let fresh = StateFixture.input("new.log", length: 10, digest: "c")
        #expect(throws: StateError.concurrentRun(store: store.description, input: "access.log")) {
            try store.commit(StateFixture.update(inputs: [fresh, stored], units: 1000))
        }
        #expect(try store.history(from: LocalDay(number: 0)).cells.map(\.counts.units) == [7])
        // A second new record with the same head is refused too.
        #expect(throws: StateError.concurrentRun(store: store.description, input: "copy")) {
            try store.commit(StateFixture.update(inputs: [StateFixture.input("copy", length: 50)], units: 1000))
        }
        let after = try store.history(from: LocalDay(number: 0))
        #expect(after.cells.map(\.counts.units) == [7] && after.slots.map(\.counts.units) == [7])
        #expect(try store.open(timeZoneName: "UTC").records.map(\.length) == [80])
        #expect(try database.integer("SELECT count(*) FROM audit_runs") == 2)
    }

    @Test("a stored input whose head grew and a new copy of its old head, in one update, listed in either order: both stored")
    func headMovedOnAndCopyOfTheOldHead() throws {
        let database = try PostgresStateDatabase()
        defer { database.drop() }
        let store = try database.store()
        _ = try store.open(timeZoneName: "UTC")
        try store.commit(StateFixture.update(inputs: [StateFixture.input("access.log", length: 10)]))
        var grown = try store.open(timeZoneName: "UTC").records[0]
        grown.headLength = 20
        grown.headDigest = String(repeating: "b", count: 64)
        grown.length = 20
        grown.countedBefore = 10
        try store.commit(StateFixture.update(inputs: [StateFixture.input("copy.log", length: 10), grown], units: 3))
        let records = try store.open(timeZoneName: "UTC").records
        #expect(records.map(\.name).sorted() == ["access.log", "copy.log"])
        #expect(records.map(\.headLength).sorted() == [10, 20])
    }

    @Test("an update built on a history that another run's commit overtook writes nothing: overtaken")
    func overtaken() throws {
        let database = try PostgresStateDatabase()
        defer { database.drop() }
        let store = try database.store()
        _ = try store.open(timeZoneName: "UTC")
        let read = try store.history(from: LocalDay(number: 0))
        #expect(read.lastRun == 0)
        var first = StateFixture.update(inputs: [StateFixture.input("a.log", length: 50)], units: 7)
        first.readAfterRun = read.lastRun
        try store.commit(first)
        var second = StateFixture.update(inputs: [StateFixture.input("b.log", length: 60, digest: "b")], units: 5)
        second.readAfterRun = read.lastRun
        #expect(throws: StateError.overtaken(store: store.description)) { try store.commit(second) }
        let after = try store.history(from: LocalDay(number: 0))
        #expect(after.cells.map(\.counts.units) == [7] && after.lastRun > 0)
        #expect(try database.integer("SELECT count(*) FROM audit_runs") == 1)
        second.readAfterRun = after.lastRun
        try store.commit(second)
    }

    @Test("an update its confirmation refuses is rolled back: abandoned, nothing of it written")
    func refusedConfirmation() throws {
        let database = try PostgresStateDatabase()
        defer { database.drop() }
        let store = try database.store()
        _ = try store.open(timeZoneName: "UTC")
        try store.commit(StateFixture.update(inputs: [StateFixture.input("access.log", length: 50)], units: 7))
        var refused = StateFixture.update(inputs: [StateFixture.input("other.log", length: 20, digest: "c")], units: 1000)
        refused.confirmation = { false }
        #expect(throws: StateError.abandoned(store: store.description)) { try store.commit(refused) }
        #expect(try store.history(from: LocalDay(number: 0)).cells.map(\.counts.units) == [7])
        #expect(try store.open(timeZoneName: "UTC").records.map(\.name) == ["access.log"])
        #expect(try database.integer("SELECT count(*) FROM audit_runs") == 1)
    }

    @Test("a store written by a newer version is left alone")
    func newerSchema() throws {
        let database = try PostgresStateDatabase()
        defer { database.drop() }
        let store = try database.store()
        _ = try store.open(timeZoneName: "UTC")
        try database.query("UPDATE audit_meta SET value = '99' WHERE key = 'schema_version'")
        #expect(throws: StateError.newerSchema(store: store.description, version: 99, supported: StateSchema.version)) {
            _ = try store.open(timeZoneName: "UTC")
        }
        #expect(try database.integer("SELECT value::bigint FROM audit_meta WHERE key = 'schema_version'") == 99)
    }

    @Test("the same commits give the same ledger and history in SQLite and PostgreSQL")
    func parityWithSQLite() throws {
        let database = try PostgresStateDatabase()
        defer { database.drop() }
        let folder = try TemporaryFolder("state")
        let sqlite = try Self.replay(on: SQLiteStateStore(path: folder.file("state.sqlite")))
        let postgres = try Self.replay(on: database.store())
        #expect(postgres.records == sqlite.records)
        #expect(postgres.records.map(\.length) == [80, 70, 30])
        for (p, s) in zip(postgres.histories, sqlite.histories) {
            #expect(Set(p.cells) == Set(s.cells) && p.cells.count == s.cells.count)
            #expect(Set(p.slots) == Set(s.slots) && p.slots.count == s.slots.count)
            #expect(p.firstDay == s.firstDay)
        }
        let ann = postgres.histories[0].cells.first { $0.user == "ann" && $0.day == LocalDay(number: 20_000) }
        #expect(ann?.counts.units == 11)
        #expect(postgres.refusals == sqlite.refusals && postgres.refusals == [false, false, true])
    }

    /// Three commits (the last refused), then the ledger, the history from two days, and
    /// which commits were refused.
    private static func replay(on store: any StateStore) throws -> (records: [CountedInput], histories: [StoredHistory], refusals: [Bool]) {
        func day(_ number: Int32) -> LocalDay { LocalDay(number: number) }
        func cell(_ user: String, _ scope: String, _ number: Int32, _ units: Int64) -> StoredCell {
            StoredCell(user: user, scope: scope, day: day(number), counts: StateFixture.counts(units))
        }
        func slot(_ user: String, _ start: Int64, _ units: Int64) -> StoredSlot {
            StoredSlot(user: user, scope: "geocoding", start: start, counts: StateFixture.counts(units))
        }
        func run(_ lines: Int64) -> RunRecord { RunRecord(startedAt: lines, asOf: lines, inputs: 2, lines: lines, version: "t") }
        var refusals: [Bool] = []
        func commit(_ update: StateUpdate) throws {
            do throws(StateError) {
                try store.commit(update)
                refusals.append(false)
            } catch .concurrentRun {
                refusals.append(true)
            }
        }

        _ = try store.open(timeZoneName: "UTC")
        try commit(StateUpdate(
            inputs: [StateFixture.input("a.log", length: 50), StateFixture.input("b.log", length: 70, digest: "b")],
            cells: [cell("ann", "geocoding", 20_000, 4), cell("bob", "routing", 20_000, 3), cell("Zoë", "other", 20_001, 1),
                    cell("ann", "geocoding", 20_000, 5)],
            slots: [slot("ann", 3600, 4), slot("bob", 7200, 3)], run: run(10)))
        let ledger = try store.open(timeZoneName: "UTC")
        var grown = try #require(ledger.records.first { $0.name == "a.log" })
        grown.length = 80
        grown.countedBefore = 50
        try commit(StateUpdate(
            inputs: [grown, StateFixture.input("c.log", length: 30, digest: "c")],
            cells: [cell("ann", "geocoding", 20_000, 11), cell("carol", "geocoding", 20_002, 2)],
            slots: [slot("ann", 10_800, 6)], run: run(20)))
        var stale = try #require(ledger.records.first { $0.name == "a.log" })
        stale.length = 90
        stale.countedBefore = 50
        try commit(StateUpdate(inputs: [stale], cells: [cell("ann", "geocoding", 20_000, 99)], slots: [], run: run(30)))
        let records = try store.open(timeZoneName: "UTC").records
        return (records, [try store.history(from: day(0)), try store.history(from: day(20_001))], refusals)
    }

    @Test("a user name PostgreSQL cannot store (U+0000) is kept with U+FFFD in its place")
    func nulInUserName() throws {
        let database = try PostgresStateDatabase()
        defer { database.drop() }
        let store = try database.store()
        _ = try store.open(timeZoneName: "UTC")
        var update = StateFixture.update(inputs: [])
        var cells = update.cells.all
        cells[0].user = "a\u{0}b"
        update.cells = RowSource(cells)
        try store.commit(update)
        #expect(try store.history(from: LocalDay(number: 0)).cells.map(\.user) == ["a\u{FFFD}b"])
    }

    @Test("a commit waits while another run holds the store's lock")
    func commitsSerialize() throws {
        let database = try PostgresStateDatabase()
        defer { database.drop() }
        _ = try database.store().open(timeZoneName: "UTC")
        let url = database.url()
        let outcome = CommitOutcome()
        try PostgresSession.run(database.configuration(), logger: PostgresProfileReader.silentLogger) { connection in
            let logger = PostgresProfileReader.silentLogger
            _ = try connection.query("BEGIN", logger: logger).wait()
            _ = try connection.query("SELECT pg_advisory_xact_lock(\(PostgresStateStore.lockKey))", logger: logger).wait()
            Thread.detachNewThread {
                do throws(StateError) {
                    try PostgresStateStore(url: url, environment: [:]).commit(StateFixture.update(inputs: []))
                } catch {
                    outcome.error = error
                }
                outcome.done.signal()
            }
            #expect(outcome.done.wait(timeout: .now() + 1) == .timedOut, "the commit did not wait for the lock")
            _ = try connection.query("COMMIT", logger: logger).wait()
        }
        #expect(outcome.done.wait(timeout: .now() + 30) == .success)
        #expect(outcome.error == nil)
        #expect(try database.integer("SELECT count(*) FROM audit_runs") == 1)
    }

    @Test("cells beyond one statement's batch are written and rewritten in one commit each")
    func manyCells() throws {
        let database = try PostgresStateDatabase()
        defer { database.drop() }
        let store = try database.store()
        _ = try store.open(timeZoneName: "UTC")
        let count = 2 * PostgresStateStore.batchSize + 500
        let cells = (0..<count).map { index in
            StoredCell(user: "user\(index / 100)", scope: "geocoding", day: LocalDay(number: Int32(20_000 + index % 100)),
                       counts: StateFixture.counts(Int64(index)))
        }
        let slots = (0..<PostgresStateStore.batchSize + 1).map { index in
            StoredSlot(user: "user\(index / 48)", scope: "routing", start: Int64(index % 48) * 3600, counts: StateFixture.counts(1))
        }
        let run = RunRecord(startedAt: 1, asOf: 2, inputs: 0, lines: 0, version: "t")
        try store.commit(StateUpdate(inputs: [], cells: cells, slots: slots, run: run))
        var doubled = cells
        for index in doubled.indices { doubled[index].counts.units *= 2 }
        try store.commit(StateUpdate(inputs: [], cells: doubled, slots: Array(slots.prefix(3)), run: run))
        #expect(try database.integer("SELECT count(*) FROM audit_daily_usage") == Int64(count))
        #expect(try database.integer("SELECT sum(units)::bigint FROM audit_daily_usage") == Int64(2 * (0..<count).reduce(0, +)))
        let history = try store.history(from: LocalDay(number: 20_099))
        #expect(history.cells.count == count / 100)
        #expect(Set(history.slots) == Set(slots.prefix(3)))
    }

    @Test("a wrong password is an unavailable store whose reason says what to check, without the password")
    func wrongPassword() throws {
        let database = try PostgresStateDatabase()
        defer { database.drop() }
        let wrong = "Wr0ng-Pa55-" + UUID().uuidString.prefix(6)
        let store = try PostgresStateStore(url: database.url(password: wrong), environment: [:])
        do throws(StateError) {
            _ = try store.open(timeZoneName: "UTC")
            Issue.record("a wrong password was accepted")
        } catch {
            guard case .unavailable(_, let reason) = error else { throw error }
            #expect(reason.contains("password"))
            #expect(!error.description.contains(wrong))
            if let real = database.password { #expect(!error.description.contains(real)) }
        }
    }
}

/// What the committing thread of `commitsSerialize` found, handed over by the semaphore.
private final class CommitOutcome: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    var error: StateError?
}
