import GRDB
import GRDBSQLite

/// Writes daily cells to SQLite's packed daily table (schema 4, `DayPacking`): the cells
/// given for one user, scope and block replace the same days in the block's stored row,
/// read in the same transaction, and the row is written back once.
///
/// Cells may come in any order; a run's update gives them by user, scope and day, so each
/// block is read and written once. Names are keyed by their bytes, as the table keys them.
/// Use inside a transaction; call `finish()` at the end.
final class SQLiteDayBlockWriter {
    /// One day of the block being written.
    private typealias Day = (day: LocalDay, counts: UsageCounts)

    private let store: String
    private let table: String
    private let connection: OpaquePointer
    private let select: OpaquePointer
    private let upsert: SQLiteRowWriter
    /// The block being written: its user's and scope's bytes, and its first day.
    private var current: BlockKey?
    /// Whether no stored row can hold a block about to be written: the table was empty when
    /// the writer began, and each block written so far came after the one before in the
    /// table's key order (so none was written twice). A fresh store then costs no lookups.
    private var onlyNewBlocks: Bool
    private var lastWritten: BlockKey?

    /// The cells given for `current`, in the order given.
    private var given: [Day] = []
    /// The stored cells of `current`'s block, then the given ones; their order by day; the
    /// block's new cells.
    private var merged: [Day] = []
    private var order: [Int] = []
    private var days: [Day] = []
    private var packed: [UInt8] = []

    /// Prepares the statements on `database` for `table`; `store` names the store in errors.
    init(database: Database, table: String = "audit_daily_usage", store: String) throws {
        self.store = store
        self.table = table
        onlyNewBlocks = try Bool.fetchOne(database, sql: "SELECT NOT EXISTS (SELECT 1 FROM \(table))") ?? false
        (connection, select) = try database.cStatement(StateSchema.selectPackedDays(from: table))
        do {
            upsert = try SQLiteRowWriter(database: database, sql: StateSchema.upsertPackedDays(into: table))
        } catch {
            sqlite3_finalize(select)
            throw error
        }
    }

    deinit {
        sqlite3_finalize(select)
    }

    /// Writes `cell`, replacing the stored cell of its user, scope and day (when the block
    /// changes, or at `finish()`).
    /// - Throws: `StateError.unavailable` when the stored row of a block does not decode.
    func write(_ cell: StoredCell) throws {
        var user = cell.user
        var scope = cell.scope
        try user.withUTF8 { userBytes in
            try scope.withUTF8 { scopeBytes in try write(user: userBytes, scope: scopeBytes, day: cell.day, counts: cell.counts) }
        }
    }

    /// Writes the cell of the user and scope named by these bytes (valid during the call).
    func write(user: UnsafeBufferPointer<UInt8>, scope: UnsafeBufferPointer<UInt8>, day: LocalDay, counts: UsageCounts) throws {
        let block = DayPacking.blockStart(of: day)
        if let current, !current.matches(user: user, scope: scope, block: block) {
            try flush()
        }
        if current == nil { current = BlockKey(user: Array(user), scope: Array(scope), block: block) }
        given.append((day, counts))
    }

    /// Writes the last block.
    func finish() throws {
        try flush()
    }

    private func flush() throws {
        guard let key = current else { return }
        defer {
            current = nil
            given.removeAll(keepingCapacity: true)
        }
        merged.removeAll(keepingCapacity: true)
        if onlyNewBlocks, let last = lastWritten, !last.precedes(key) { onlyNewBlocks = false }
        if !onlyNewBlocks { try readStored(key) }
        lastWritten = key
        // Stored days first, then the given ones in their order: the last of each day wins.
        merged.append(contentsOf: given)
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: merged.indices)
        order.sort { (merged[$0].day, $0) < (merged[$1].day, $1) }
        days.removeAll(keepingCapacity: true)
        for (position, index) in order.enumerated()
        where position + 1 == order.count || merged[order[position + 1]].day != merged[index].day {
            days.append(merged[index])
        }
        packed.removeAll(keepingCapacity: true)
        DayPacking.pack(days, into: &packed)
        try key.user.withUnsafeBufferPointer { user in
            try key.scope.withUnsafeBufferPointer { scope in
                try upsert.insert(user: user, scope: scope, integer: Int64(key.block.number), blob: packed)
            }
        }
    }

    /// Appends the cells of the stored row of block `key` (if any) to `merged`.
    private func readStored(_ key: BlockKey) throws {
        let (code, intact) = key.user.withUnsafeBufferPointer { userBytes in
            key.scope.withUnsafeBufferPointer { scopeBytes -> (Int32, Bool) in
                Database.bindText(select, 1, userBytes)
                Database.bindText(select, 2, scopeBytes)
                sqlite3_bind_int64(select, 3, Int64(key.block.number))
                defer {
                    sqlite3_reset(select)
                    sqlite3_clear_bindings(select)
                }
                let stepped = sqlite3_step(select)
                guard stepped == SQLITE_ROW else { return (stepped, true) }
                guard sqlite3_column_type(select, 0) == SQLITE_BLOB else { return (stepped, false) }
                let bytes = UnsafeRawBufferPointer(start: sqlite3_column_blob(select, 0), count: Int(sqlite3_column_bytes(select, 0)))
                return (stepped, DayPacking.unpack(bytes, block: key.block) { merged.append(($0, $1)) })
            }
        }
        guard code == SQLITE_ROW || code == SQLITE_DONE else { throw Database.cStatementError(code, connection: connection) }
        guard intact else {
            throw StateError.unavailable(store: store, reason: SQLiteStateStore.damagedDaysReason(
                table: table, user: String(decoding: key.user, as: UTF8.self), scope: String(decoding: key.scope, as: UTF8.self),
                block: key.block))
        }
    }

    /// A block of the table: its user's and scope's bytes, and its first day.
    private struct BlockKey {
        var user: [UInt8]
        var scope: [UInt8]
        var block: LocalDay

        /// Whether this block comes before `other` in the table's key order (names by their
        /// bytes, as SQLite's binary collation compares them).
        func precedes(_ other: BlockKey) -> Bool {
            if user != other.user { return user.lexicographicallyPrecedes(other.user) }
            if scope != other.scope { return scope.lexicographicallyPrecedes(other.scope) }
            return block < other.block
        }

        func matches(user: UnsafeBufferPointer<UInt8>, scope: UnsafeBufferPointer<UInt8>, block: LocalDay) -> Bool {
            self.block == block && self.user.elementsEqual(user) && self.scope.elementsEqual(scope)
        }
    }
}
