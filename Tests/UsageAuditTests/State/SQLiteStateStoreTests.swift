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
