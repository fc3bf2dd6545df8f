import Foundation
import Logging
import PostgresNIO

/// The shared state store in PostgreSQL (`--state postgres://USER:PASSWORD@HOST:PORT/DATABASE`,
/// the parts the URL leaves out taken from the `PG*` variables): `SQLiteStateStore`'s tables
/// and meaning, in the first schema of the user's search path, one transaction per run.
///
/// Each call opens its own connection and closes it, so a run that counts for an hour keeps
/// no idle connection that a firewall or a pooler could cut. `open` (which creates or
/// migrates the tables) and `commit` first take the transaction-level advisory lock
/// ``lockKey``: two runs' writes follow each other, and the second finds what the first
/// counted (and refuses to commit totals made from the history it read before that:
/// `StateError.overtaken`). A run that waits longer than a minute for it fails with a message to try again,
/// as SQLite's busy timeout does. Text PostgreSQL cannot store (U+0000) is stored as U+FFFD.
///
/// The calls block their thread until the server answers. The password never appears in
/// `description`, a message or the log.
public final class PostgresStateStore: StateStore {
    /// The store as messages name it: the database's URL without the password.
    public let description: String
    let settings: PostgresServerSettings
    let logger: Logger

    /// The advisory lock that orders the writes of runs on one database ("usage-au").
    static let lockKey: Int64 = 0x7573_6167_652D_6175
    /// Rows per statement when cells and slots are written.
    static let batchSize = 10_000

    /// Reads `url`, completing it from `environment`'s `PG*` variables. Connects to nothing.
    public init(
        url: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = PostgresProfileReader.silentLogger
    ) throws(StateError) {
        let shown = ConnectionString.masked(url)
        do {
            let parts = try PostgresURLComponents(parsing: url)
            if parts.table != nil || parts.layout != nil {
                throw StateError.badLocation(shown, reason: "?table= and ?layout= belong to --profiles; the state store's tables are always audit_*: remove them")
            }
            settings = try PostgresServerSettings(parts: parts, environment: environment)
        } catch let error as StateError {
            throw error
        } catch let error as PostgresProfileError {
            throw .badLocation(shown, reason: Self.locationReason(error))
        } catch {
            throw .badLocation(shown, reason: "\(error)")
        }
        description = settings.displayURL()
        self.logger = logger
    }

    public func open(timeZoneName: String) throws(StateError) -> InputLedger {
        try transaction("BEGIN") { connection in
            try self.checkEncoding(on: connection)
            try self.lock(connection)
            let existing = try self.run("SELECT to_regclass('audit_meta') IS NOT NULL", on: connection)
            var version = 0
            if try existing.first?.decode(Bool.self) == true {
                version = try self.metaValue("schema_version", on: connection).flatMap { Int($0) } ?? 0
            }
            if version > StateSchema.version {
                throw StateError.newerSchema(store: self.description, version: version, supported: StateSchema.version)
            }
            for statement in StateSchema.migrations(from: version, dialect: .postgres) {
                try self.run(PostgresQuery(unsafeSQL: statement), on: connection)
            }
            if version != StateSchema.version {
                try self.run("""
                    INSERT INTO audit_meta (key, value) VALUES ('schema_version', \(String(StateSchema.version)))
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """, on: connection)
            }
            if let stored = try self.metaValue("timezone", on: connection) {
                guard TimeZoneAlias.sameZone(stored, timeZoneName) else {
                    throw StateError.zoneMismatch(store: self.description, stored: stored, configured: timeZoneName)
                }
            } else {
                try self.run("INSERT INTO audit_meta (key, value) VALUES ('timezone', \(timeZoneName))", on: connection)
            }
            return InputLedger(records: try self.inputs(on: connection))
        }
    }

    public func history(from day: LocalDay) throws(StateError) -> StoredHistory {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
            var history = StoredHistory()
            let cells = try self.run("""
                SELECT user_name, scope, day, requests, units, rejected, first_seen, last_seen
                FROM audit_daily_usage WHERE day >= \(Int64(day.number))
                """, on: connection)
            history.reserveCells(cells.count)
            for row in cells {
                let (user, scope, number, counts) = try Self.usage(row)
                history.append(StoredCell(user: user, scope: scope, day: LocalDay(number: Int32(clamping: number)), counts: counts))
            }
            let slots = try self.run("""
                SELECT user_name, scope, slot_start, requests, units, rejected, first_seen, last_seen FROM audit_hourly_usage
                """, on: connection)
            for row in slots {
                let (user, scope, start, counts) = try Self.usage(row)
                history.append(StoredSlot(user: user, scope: scope, start: start, counts: counts))
            }
            let first = try self.run("SELECT MIN(day) FROM audit_daily_usage", on: connection)
            let minimum = try first.first?.decode(Int64?.self) ?? nil
            history.firstDay = minimum.map { LocalDay(number: Int32(clamping: $0)) }
            history.lastRun = try self.lastRun(on: connection)
            return history
        }
    }

    public func commit(_ update: StateUpdate) throws(StateError) {
        try transaction("BEGIN") { connection in
            try self.lock(connection)
            try self.write(update, on: connection)
            guard update.confirmation() else { throw StateError.abandoned(store: self.description) }
        }
    }

    /// Runs `body` between `begin` and `COMMIT` on a connection of its own; on any error it
    /// rolls back, so nothing of `body` is stored, and throws the error as a `StateError`.
    private func transaction<Result>(_ begin: PostgresQuery, _ body: (PostgresConnection) throws -> Result) throws(StateError) -> Result {
        let configuration: PostgresConnection.Configuration
        do throws(PostgresProfileError) {
            configuration = try settings.connectionConfiguration(startupParameters: [
                ("application_name", "usage-audit"),
                // How long a run waits for another run's write (the advisory lock).
                ("lock_timeout", "60s"),
            ])
        } catch {
            throw .unavailable(store: description, reason: error.description)
        }
        do {
            return try PostgresSession.run(configuration, logger: logger) { connection in
                try self.run(begin, on: connection)
                do {
                    let result = try body(connection)
                    try self.run("COMMIT", on: connection)
                    return result
                } catch {
                    _ = try? self.run("ROLLBACK", on: connection)
                    throw error
                }
            }
        } catch {
            throw failure(error)
        }
    }

    /// Waits for the other runs' writes to this database to end.
    private func lock(_ connection: PostgresConnection) throws {
        try run("SELECT pg_advisory_xact_lock(\(Self.lockKey))", on: connection)
    }

    /// Refuses a database whose encoding cannot hold every user name.
    private func checkEncoding(on connection: PostgresConnection) throws {
        let rows = try run("SELECT current_setting('server_encoding')", on: connection)
        let encoding = try rows.first?.decode(String.self) ?? "UTF8"
        guard encoding == "UTF8" || encoding == "SQL_ASCII" else {
            throw StateError.unavailable(store: description, reason: "the database's encoding is \(encoding), which cannot hold every user name: create the database WITH ENCODING 'UTF8'")
        }
    }

    private func metaValue(_ key: String, on connection: PostgresConnection) throws -> String? {
        try run("SELECT value FROM audit_meta WHERE key = \(key)", on: connection).first?.decode(String.self)
    }

    private func inputs(on connection: PostgresConnection) throws -> [CountedInput] {
        let rows = try run("""
            SELECT id, head_length, head_digest, length, checksum, name, lines, first_time, last_time, days, counted_at, line_digest
            FROM audit_inputs ORDER BY id
            """, on: connection)
        return try rows.map { row in
            let (id, headLength, headDigest, length, checksum, name, lines, first, last, days, countedAt, lineDigest) = try row.decode(
                (Int64, Int64, String, Int64, Int64, String, Int64, Int64?, Int64?, String, Int64, String).self)
            return CountedInput(
                id: id, headLength: Int(truncatingIfNeeded: headLength), headDigest: headDigest, lineDigest: lineDigest, length: length,
                checksum: UInt32(truncatingIfNeeded: checksum), name: name, lines: lines, first: first, last: last,
                days: CountedInput.days(fromText: days), countedAt: countedAt)
        }
    }

    /// A cell's or a slot's columns: user, scope, day or slot start, counts.
    private static func usage(_ row: PostgresRow) throws -> (String, String, Int64, UsageCounts) {
        let (user, scope, key, requests, units, rejected, firstSeen, lastSeen) = try row.decode(
            (String, String, Int64, Int64, Int64, Int64, Int64, Int64).self)
        return (user, scope, key, UsageCounts(requests: requests, units: units, rejected: rejected, firstSeen: firstSeen, lastSeen: lastSeen))
    }

    /// Runs one statement and waits for all its rows.
    @discardableResult
    func run(_ query: PostgresQuery, on connection: PostgresConnection) throws -> PostgresQueryResult {
        try connection.query(query, logger: logger).wait()
    }
}
