import Foundation
import GRDB

/// The default state store: one SQLite file (`--state`, default
/// `./.usage-audit/state.sqlite`), created with its folder on first use, in WAL mode.
///
/// Writes happen in one `BEGIN IMMEDIATE` transaction per run; a second run that overlaps
/// waits for the lock (up to a minute), then finds what the first counted, and refuses to
/// commit totals made from the history it read before that (`StateError.overtaken`).
public final class SQLiteStateStore: StateStore {
    public let path: String
    private let queue: DatabaseQueue

    public var description: String { path }

    /// Opens (creating if missing) the store at `path`.
    public init(path: String) throws(StateError) {
        self.path = path
        let folder = PathFolder.of(path)
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        } catch {
            throw .unavailable(store: path, reason: "cannot create its folder \(folder) (\(error.localizedDescription)): check the path and permissions")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.label = "usage-audit state"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw .unavailable(store: path, reason: Self.reason(error))
        }
    }

    public func open(timeZoneName: String) throws(StateError) -> InputLedger {
        try perform { database in
            try database.execute(sql: "PRAGMA journal_mode = WAL")
            try database.inTransaction(.immediate) {
                try database.execute(sql: "CREATE TABLE IF NOT EXISTS audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                let version = try String.fetchOne(database, sql: "SELECT value FROM audit_meta WHERE key = 'schema_version'").flatMap { Int($0) } ?? 0
                if version > StateSchema.version {
                    throw StateError.newerSchema(store: self.path, version: version, supported: StateSchema.version)
                }
                for statement in StateSchema.migrations(from: version, dialect: .sqlite) {
                    try database.execute(sql: statement)
                }
                if StateSchema.needsSlotPacking(from: version, dialect: .sqlite) {
                    try Self.packHourlyRows(database, store: self.path)
                }
                if StateSchema.needsDayPacking(from: version, dialect: .sqlite) {
                    try Self.packDailyRows(database, store: self.path)
                }
                try database.execute(
                    sql: "INSERT INTO audit_meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    arguments: [String(StateSchema.version)])
                if let stored = try String.fetchOne(database, sql: "SELECT value FROM audit_meta WHERE key = 'timezone'") {
                    guard TimeZoneAlias.sameZone(stored, timeZoneName) else {
                        throw StateError.zoneMismatch(store: self.path, stored: stored, configured: timeZoneName)
                    }
                } else {
                    try database.execute(sql: "INSERT INTO audit_meta (key, value) VALUES ('timezone', ?)", arguments: [timeZoneName])
                }
                return .commit
            }
            let rows = try Row.fetchAll(database, sql: """
                SELECT id, head_length, head_digest, length, checksum, name, lines, first_time, last_time, days, counted_at, line_digest
                FROM audit_inputs ORDER BY id
                """)
            return InputLedger(records: try rows.map { row in
                CountedInput(
                    id: try row.decode(atIndex: 0), headLength: try row.decode(atIndex: 1), headDigest: try row.decode(atIndex: 2),
                    lineDigest: try row.decode(atIndex: 11), length: try row.decode(atIndex: 3),
                    checksum: UInt32(truncatingIfNeeded: try row.decode(Int64.self, atIndex: 4)), name: try row.decode(atIndex: 5),
                    lines: try row.decode(atIndex: 6), first: try row.decode(atIndex: 7), last: try row.decode(atIndex: 8),
                    days: CountedInput.days(fromText: try row.decode(atIndex: 9)), countedAt: try row.decode(atIndex: 10))
            })
        }
    }

    public func history(from day: LocalDay) throws(StateError) -> StoredHistory {
        try perform { database in
            var history = StoredHistory()
            // First: a run that commits while the rest is read makes this run's commit refuse
            // (safe), never pass with counts it did not read.
            history.lastRun = try Self.lastRun(database)
            try self.readCells(from: day, into: &history, database: database)
            try self.readPackedSlots(into: &history, database: database)
            return history
        }
    }

    /// Writes `update` in one `BEGIN IMMEDIATE` transaction. Its cells and slots are read off
    /// the run's aggregates while they are written, so the write lock is held for that time
    /// too (a second run waits for it; schedule runs so they do not overlap).
    public func commit(_ update: StateUpdate) throws(StateError) {
        try perform { database in
            try database.inTransaction(.immediate) {
                try self.write(update, to: database)
                guard update.confirmation() else { throw StateError.abandoned(store: self.path) }
                return .commit
            }
        }
    }

    /// The id of the last run recorded, 0 when none.
    private static func lastRun(_ database: Database) throws -> Int64 {
        try Int64.fetchOne(database, sql: "SELECT COALESCE(MAX(id), 0) FROM audit_runs") ?? 0
    }

    private func write(_ update: StateUpdate, to database: Database) throws {
        if let expected = update.readAfterRun, try Self.lastRun(database) != expected {
            throw StateError.overtaken(store: path)
        }
        for input in update.inputsInWritingOrder {
            let values: [DatabaseValueConvertible?] = [
                input.headLength, input.headDigest, input.length, Int64(input.checksum), input.name, input.lines,
                input.first, input.last, input.daysText, input.countedAt, input.lineDigest,
            ]
            if let id = input.id {
                try database.execute(sql: """
                    UPDATE audit_inputs SET head_length = ?, head_digest = ?, length = ?, checksum = ?, name = ?, lines = ?,
                    first_time = ?, last_time = ?, days = ?, counted_at = ?, line_digest = ? WHERE id = ? AND length = ?
                    """, arguments: StatementArguments(values + [id, input.countedBefore]))
                guard database.changesCount == 1 else {
                    throw StateError.concurrentRun(store: path, input: input.name)
                }
            } else {
                do {
                    try database.execute(sql: """
                        INSERT INTO audit_inputs (head_length, head_digest, length, checksum, name, lines, first_time, last_time, days, counted_at, line_digest)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: StatementArguments(values))
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    throw StateError.concurrentRun(store: path, input: input.name)
                }
            }
        }
        // Hundreds of thousands of cells: merged into their packed rows through SQLite's C API.
        var days = try SQLiteDayBlockWriter(database: database, store: path)
        try update.cells.forEachRow { try days.write($0) }
        try days.finish()
        try database.execute(sql: "DELETE FROM audit_hourly_usage")
        try Self.insertPacked(update.slots, database: database)
        let run = update.run
        try database.execute(
            sql: "INSERT INTO audit_runs (started_at, as_of, inputs, lines, version) VALUES (?, ?, ?, ?, ?)",
            arguments: [run.startedAt, run.asOf, run.inputs, run.lines, run.version])
    }

    /// Runs `body` on the database, turning SQLite's errors into `StateError`s.
    private func perform<T>(_ body: (Database) throws -> T) throws(StateError) -> T {
        do {
            return try queue.inDatabase(body)
        } catch let error as StateError {
            throw error
        } catch {
            throw .unavailable(store: path, reason: Self.reason(error))
        }
    }

    private static func reason(_ error: any Error) -> String {
        if error is RowDecodingError {
            return "a row of it is damaged (\(error)): restore the store from a backup, or start a new one with --state (the logs can be counted again)"
        }
        if let error = error as? DatabaseError {
            let words = error.message ?? "SQLite error \(error.resultCode.rawValue)"
            switch error.resultCode {
            case .SQLITE_NOTADB: return "\(words): it is not an SQLite database; check --state"
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
                return "\(words): check that the file and its folder are writable"
            case .SQLITE_BUSY, .SQLITE_LOCKED: return "\(words): another run holds the store; try again when it ends"
            default: return words
            }
        }
        return "\(error)"
    }
}
