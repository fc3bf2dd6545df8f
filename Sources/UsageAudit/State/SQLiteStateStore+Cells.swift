import GRDB
import GRDBSQLite

extension SQLiteStateStore {
    /// Reads the daily cells from `day` on into `history`, and the first day with use in the
    /// whole store into its `firstDay`, in one scan of the table through SQLite's C API: each
    /// row holds a user's packed cells of one scope and block of days (`DayPacking`), and
    /// names are handed over as the bytes SQLite holds, with no `String` or `Row` per row (a
    /// store of half a year holds millions of cells).
    /// - Throws: `StateError.unavailable` for a row whose values are not of their column's
    ///   type or whose cells do not decode (a damaged store).
    func readCells(from day: LocalDay, into history: inout StoredHistory, database: Database) throws {
        let sql = "SELECT user_name, scope, block_start, days FROM audit_daily_usage"
        let firstBlock = DayPacking.blockStart(of: day)
        var first: LocalDay?
        try forEachBlock(sql, database: database) { user, scope, block, days in
            if block >= firstBlock {
                return DayPacking.unpack(days, block: block) { cellDay, counts in
                    first = min(first ?? cellDay, cellDay)
                    if cellDay >= day { history.append(user: user, scope: scope, day: cellDay, counts: counts) }
                }
            }
            // Before the days asked for only the first day counts: blocks that cannot hold it
            // are not decoded.
            guard first.map({ block <= DayPacking.blockStart(of: $0) }) ?? true else { return true }
            return DayPacking.unpack(days, block: block) { cellDay, _ in first = min(first ?? cellDay, cellDay) }
        }
        history.firstDay = first
    }

    /// Steps `sql` (selecting user, scope, block start and packed days) and calls `body` with
    /// each row's values; `body` returns whether the packed days decoded.
    private func forEachBlock(
        _ sql: String, database: Database,
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, LocalDay, UnsafeRawBufferPointer) -> Bool
    ) throws {
        try database.forEachCRow(sql) { statement in
            // Types are asked before values are read (reading converts). A blob name of the
            // same bytes, or a block_start that is no block's first day, would make a second
            // row of the same days.
            let wrong = Self.mistypedColumn(statement, of: Self.blockRow)
            let start = sqlite3_column_int64(statement, 2)
            guard wrong == nil, Int64(Int32.min)...Int64(Int32.max) ~= start,
                  DayPacking.blockStart(of: LocalDay(number: Int32(truncatingIfNeeded: start))).number == Int32(truncatingIfNeeded: start)
            else {
                throw StateError.unavailable(store: path, reason: Self.damagedRowReason(
                    statement, table: "audit_daily_usage", row: Self.blockRow, wrong: wrong,
                    otherwise: "block_start \(start) is no first day of a block of \(DayPacking.blockDays) days"))
            }
            let block = LocalDay(number: Int32(truncatingIfNeeded: start))
            // Each value first, then its length (SQLite's documented order).
            let days = UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, 3), count: Int(sqlite3_column_bytes(statement, 3)))
            let user = Self.text(statement, 0)
            let scope = Self.text(statement, 1)
            guard body(user, scope, block, days) else {
                throw StateError.unavailable(
                    store: path,
                    reason: Self.damagedDaysReason(table: "audit_daily_usage", user: String(decoding: user, as: UTF8.self),
                                                   scope: String(decoding: scope, as: UTF8.self), block: block))
            }
        }
    }

    /// Schema 3 → 4: the daily rows packed into one row per user, scope and block of days,
    /// read in key order through the C API (streamed: a store of half a year holds millions
    /// of them), names as the bytes stored (a NUL or two spellings of one name kept apart),
    /// each value's type checked as the version-3 reader did.
    /// - Throws: `StateError.unavailable` for a damaged row: the transaction rolls back and
    ///   the store stays at version 3.
    static func packDailyRows(_ database: Database, store: String) throws {
        try database.execute(sql: StateSchema.packedDailyTable(named: "audit_daily_usage_v4"))
        var writer = try SQLiteDayBlockWriter(database: database, table: "audit_daily_usage_v4", store: store)
        let sql = """
            SELECT user_name, scope, day, requests, units, rejected, first_seen, last_seen
            FROM audit_daily_usage ORDER BY user_name, scope, day
            """
        let row = countsRow(["user_name", "scope", "day"])
        try database.forEachCRow(sql) { statement in
            // Types before values (reading converts).
            let wrong = mistypedColumn(statement, of: row)
            let day = sqlite3_column_int64(statement, 2)
            guard wrong == nil, Int64(Int32.min)...Int64(Int32.max) ~= day else {
                throw StateError.unavailable(store: store, reason: damagedRowReason(
                    statement, table: "audit_daily_usage", row: row, wrong: wrong,
                    otherwise: "day \(day) is no day"))
            }
            let value = { (column: Int32) in sqlite3_column_int64(statement, column) }
            try writer.write(
                user: text(statement, 0), scope: text(statement, 1), day: LocalDay(number: Int32(day)),
                counts: UsageCounts(requests: value(3), units: value(4), rejected: value(5), firstSeen: value(6), lastSeen: value(7)))
        }
        try writer.finish()
        try database.execute(sql: "DROP TABLE audit_daily_usage")
        try database.execute(sql: "ALTER TABLE audit_daily_usage_v4 RENAME TO audit_daily_usage")
    }

    /// The columns of a row: their names and the type each must have.
    typealias RowLayout = (names: [String], types: [Int32])

    /// A row of the packed daily table (schema 4).
    static let blockRow: RowLayout = (["user_name", "scope", "block_start", "days"], [SQLITE_TEXT, SQLITE_TEXT, SQLITE_INTEGER, SQLITE_BLOB])

    /// A row of one day's or hour's counts as schema 3 kept days and 2 hours: two names and
    /// a key (`keys`), then the five counts, all integers.
    static func countsRow(_ keys: [String]) -> RowLayout {
        (keys + ["requests", "units", "rejected", "first_seen", "last_seen"], [SQLITE_TEXT, SQLITE_TEXT] + Array(repeating: SQLITE_INTEGER, count: 6))
    }

    /// The first column of the current row whose type is not the one `row` gives (asked
    /// before any value is read, since reading converts); nil when all are.
    static func mistypedColumn(_ statement: OpaquePointer, of row: RowLayout) -> Int? {
        row.types.indices.first { sqlite3_column_type(statement, Int32($0)) != row.types[$0] }
    }

    /// What is wrong with the current row of `table`: column `wrong` is not of the type `row`
    /// gives, or (nil) `otherwise`. Its names are shown when they are texts.
    static func damagedRowReason(
        _ statement: OpaquePointer, table: String, row: RowLayout, wrong: Int?, otherwise: @autoclosure () -> String
    ) -> String {
        let words = [SQLITE_TEXT: "a text", SQLITE_INTEGER: "an integer", SQLITE_BLOB: "a blob"]
        let names = (wrong ?? 2) < 2
            ? "?" : "\(String(cString: sqlite3_column_text(statement, 0))) (\(String(cString: sqlite3_column_text(statement, 1))))"
        let what = wrong.map { "\(row.names[$0]) is not \(words[row.types[$0]] ?? "of its type")" } ?? otherwise()
        return damaged("\(table), \(names): \(what)")
    }

    /// The bytes of text column `column` of the current row (valid until the next step).
    static func text(_ statement: OpaquePointer, _ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let start = sqlite3_column_text(statement, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        let count = Int(sqlite3_column_bytes(statement, column))
        return UnsafeBufferPointer(start: count > 0 ? start : nil, count: max(0, count))
    }

    /// The reason for a row of `table` whose packed days (of `user`, `scope` and the block
    /// that starts on `block`) do not decode.
    static func damagedDaysReason(table: String, user: String, scope: String, block: LocalDay) -> String {
        damaged("\(table), \(user) (\(scope)): its days from \(block) do not decode")
    }

    static func damaged(_ what: String) -> String {
        "a row of it is damaged (\(what)): restore the store from a backup, or start a new one with --state (the logs can be counted again)"
    }
}
