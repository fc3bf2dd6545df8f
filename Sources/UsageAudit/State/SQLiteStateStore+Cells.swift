import GRDB
import GRDBSQLite

extension SQLiteStateStore {
    /// Reads the daily cells from `day` on into `history` through SQLite's C API: names are
    /// handed over as the bytes SQLite holds, with no `String` or `Row` per row (a store of
    /// half a year holds millions of cells, and GRDB's rows cost more than SQLite's scan).
    /// - Throws: `StateError.unavailable` for a row whose values are not of their column's
    ///   type (a damaged store).
    func readCells(from day: LocalDay, into history: inout StoredHistory, database: Database) throws {
        let sql = """
            SELECT user_name, scope, day, requests, units, rejected, first_seen, last_seen
            FROM audit_daily_usage WHERE day >= ?
            """
        let (connection, statement) = try database.cStatement(sql)
        defer { sqlite3_finalize(statement) }
        sqlite3_bind_int64(statement, 1, Int64(day.number))
        while true {
            let stepped = sqlite3_step(statement)
            if stepped == SQLITE_DONE { return }
            guard stepped == SQLITE_ROW else { throw Database.cStatementError(stepped, connection: connection, sql: sql) }
            // Names must be texts (asked before they are read as text, which converts): a blob
            // of the same bytes would be a second row of one user, scope and day.
            let namesAreTexts = Self.isText(statement, 0) && Self.isText(statement, 1)
            let user = namesAreTexts ? Self.text(statement, 0) : nil
            let scope = namesAreTexts ? Self.text(statement, 1) : nil
            let values = (
                day: sqlite3_column_int64(statement, 2), requests: sqlite3_column_int64(statement, 3),
                units: sqlite3_column_int64(statement, 4), rejected: sqlite3_column_int64(statement, 5),
                firstSeen: sqlite3_column_int64(statement, 6), lastSeen: sqlite3_column_int64(statement, 7))
            // A value that is not an integer (text, NULL) reads as 0: the type is asked only of
            // zeros (one call less per value; reading a text as an integer leaves its type as
            // it was). A real, which nothing writes, would be read cut to an integer.
            // A day past 32 bits is no day this store writes.
            guard let user, let scope, Int64(Int32.min)...Int64(Int32.max) ~= values.day,
                  values.requests != 0 || Self.isInteger(statement, 3), values.units != 0 || Self.isInteger(statement, 4),
                  values.rejected != 0 || Self.isInteger(statement, 5), values.day != 0 || Self.isInteger(statement, 2),
                  values.firstSeen != 0 || Self.isInteger(statement, 6), values.lastSeen != 0 || Self.isInteger(statement, 7)
            else {
                throw StateError.unavailable(store: path, reason: Self.damagedCellReason(statement, namesAreTexts: namesAreTexts))
            }
            let counts = UsageCounts(
                requests: values.requests, units: values.units, rejected: values.rejected, firstSeen: values.firstSeen,
                lastSeen: values.lastSeen)
            history.append(user: user, scope: scope, day: LocalDay(number: Int32(truncatingIfNeeded: values.day)), counts: counts)
        }
    }

    /// The bytes of text column `column` of the current row (valid until the next step), or
    /// nil when the value is NULL.
    private static func text(_ statement: OpaquePointer, _ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        // The text first, then its length (SQLite's documented order).
        guard let start = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return UnsafeBufferPointer(start: count > 0 ? start : nil, count: count > 0 ? count : 0)
    }

    /// Whether column `column` of the current row holds a text.
    private static func isText(_ statement: OpaquePointer, _ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_TEXT
    }

    /// Whether column `column` of the current row holds an integer.
    private static func isInteger(_ statement: OpaquePointer, _ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_INTEGER
    }

    /// What is wrong with the current row, for the user (`namesAreTexts`: what the names'
    /// types were before they were read).
    private static func damagedCellReason(_ statement: OpaquePointer, namesAreTexts: Bool) -> String {
        let names = ["user_name", "scope", "day", "requests", "units", "rejected", "first_seen", "last_seen"]
        let row = namesAreTexts ? [0, 1].map { String(cString: sqlite3_column_text(statement, Int32($0))) } : ["?", "?"]
        // Names not read as text yet (the check stopped there): their types are still theirs.
        let wrong = namesAreTexts
            ? (2..<names.count).first { sqlite3_column_type(statement, Int32($0)) != SQLITE_INTEGER } : (isText(statement, 0) ? 1 : 0)
        let what = wrong.map { "\(names[$0]) is not \($0 < 2 ? "a text" : "an integer")" } ?? "day \(sqlite3_column_int64(statement, 2)) is no day"
        return "a row of it is damaged (audit_daily_usage, \(row[0]) (\(row[1])): \(what)): "
            + "restore the store from a backup, or start a new one with --state (the logs can be counted again)"
    }
}
