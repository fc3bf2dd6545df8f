import GRDB
import GRDBSQLite

extension SQLiteStateStore {
    /// Writes `slots` to the packed hourly table `table` (empty): one row per user and
    /// scope, streamed. Slots of one user and scope that are not next to each other (not
    /// the pipeline's order) are brought together first.
    static func insertPacked(_ slots: RowSource<StoredSlot>, into table: String = "audit_hourly_usage", database: Database) throws {
        do {
            try insertGrouped(slots, into: table, database: database)
        } catch is SQLiteSlotRowWriter.Ungrouped {
            try database.execute(sql: "DELETE FROM \(table)")
            let sorted = slots.all.sorted {
                ($0.user.utf8.lexicographicallyPrecedes($1.user.utf8))
                    || ($0.user.hasSameBytes(as: $1.user) && ($0.scope.utf8.lexicographicallyPrecedes($1.scope.utf8)
                        || ($0.scope.hasSameBytes(as: $1.scope) && $0.start < $1.start)))
            }
            try insertGrouped(RowSource(sorted), into: table, database: database)
        }
    }

    /// Packs each run of slots of one user and scope into one row (`SQLiteSlotRowWriter`);
    /// throws `SQLiteSlotRowWriter.Ungrouped` when a run's user and scope do not come after
    /// the last one's in byte order.
    private static func insertGrouped(_ slots: RowSource<StoredSlot>, into table: String, database: Database) throws {
        var writer = try SQLiteSlotRowWriter(database: database, table: table)
        try slots.forEachRow { try writer.write($0) }
        try writer.finish()
    }

    /// Adds every slot of the packed hourly table to `history`, still packed, read through
    /// the C API: names as the bytes stored (GRDB's strings end at a NUL).
    /// - Throws: `StateError.unavailable` for a name that is not a text or a packed value
    ///   that does not decode.
    func readPackedSlots(into history: inout StoredHistory, database: Database) throws {
        let sql = "SELECT user_name, scope, slots FROM audit_hourly_usage"
        // The names' types (the slots' is asked below: a row without them holds none).
        let names: RowLayout = (["user_name", "scope"], [SQLITE_TEXT, SQLITE_TEXT])
        try database.forEachCRow(sql) { statement in
            if let wrong = Self.mistypedColumn(statement, of: names) {
                throw StateError.unavailable(store: path, reason: Self.damagedRowReason(
                    statement, table: "audit_hourly_usage", row: names, wrong: wrong, otherwise: ""))
            }
            let type = sqlite3_column_type(statement, 2)
            // A row without slots holds none; one of another type is damage, as bytes that do not decode are.
            guard type != SQLITE_NULL else { return }
            let (user, scope) = (Self.text(statement, 0), Self.text(statement, 1))
            let bytes = UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, 2), count: Int(sqlite3_column_bytes(statement, 2)))
            guard type == SQLITE_BLOB, history.appendSlots(user: user, scope: scope, packed: bytes) else {
                let (name, scopeName) = (String(decoding: user, as: UTF8.self), String(decoding: scope, as: UTF8.self))
                throw StateError.unavailable(
                    store: path, reason: "the hourly use of \(name) (\(scopeName)) in audit_hourly_usage is damaged; deleting that row loses only its hourly detail of the last two days")
            }
        }
    }

    /// Schema 2 → 3: the hourly rows packed into one row per user and scope, read through
    /// the C API (names as the bytes stored, each value's type checked).
    static func packHourlyRows(_ database: Database, store: String) throws {
        var slots: [StoredSlot] = []
        let sql = """
            SELECT user_name, scope, slot_start, requests, units, rejected, first_seen, last_seen
            FROM audit_hourly_usage ORDER BY user_name, scope, slot_start
            """
        let row = countsRow(["user_name", "scope", "slot_start"])
        try database.forEachCRow(sql) { statement in
            if let wrong = mistypedColumn(statement, of: row) {
                throw StateError.unavailable(store: store, reason: damagedRowReason(
                    statement, table: "audit_hourly_usage", row: row, wrong: wrong, otherwise: ""))
            }
            let value = { (column: Int32) in sqlite3_column_int64(statement, column) }
            slots.append(StoredSlot(
                user: String(decoding: text(statement, 0), as: UTF8.self), scope: String(decoding: text(statement, 1), as: UTF8.self),
                start: value(2),
                counts: UsageCounts(requests: value(3), units: value(4), rejected: value(5), firstSeen: value(6), lastSeen: value(7))))
        }
        try database.execute(sql: StateSchema.packedHourlyTable(named: "audit_hourly_usage_v3"))
        try insertPacked(RowSource(slots), into: "audit_hourly_usage_v3", database: database)
        try database.execute(sql: "DROP TABLE audit_hourly_usage")
        try database.execute(sql: "ALTER TABLE audit_hourly_usage_v3 RENAME TO audit_hourly_usage")
    }
}
