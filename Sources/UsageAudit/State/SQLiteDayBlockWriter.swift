import GRDB
import GRDBSQLite

/// Writes daily cells to SQLite's packed daily table (schema 4, `DayPacking`): the cells
/// given for one user, scope and block replace the same days in the block's stored row,
/// read in the same transaction, and the row is written back once.
///
/// Cells may come in any order; a run's update gives them by user, scope and day, so each
/// block is read and written once. Names are keyed by their bytes, as the table keys them.
/// Use inside a transaction; call `finish()` at the end.
///
/// A struct: a run writes hundreds of thousands of cells, and each access to a stored
/// property of a class costs a dynamic exclusivity check (eight a block; with the slot
/// rows' checks, a tenth of the commit's instructions); the block's names are kept in
/// buffers reused from block to block.
struct SQLiteDayBlockWriter {
    /// One day of the block being written.
    private typealias Day = (day: LocalDay, counts: UsageCounts)

    private let store: String
    private let table: String
    private let select: Statement
    private let upsert: SQLiteRowWriter
    /// The user and scope of the block being written (while it is held) and of the block
    /// written last; the first days of both.
    private var names = SQLiteRowNames()
    private var block = LocalDay(number: 0)
    private var writtenBlock = LocalDay(number: 0)
    /// Whether no stored row can hold a block about to be written: the table was empty when
    /// the writer began, and each block written so far came after the one before in the
    /// table's key order (so none was written twice). A fresh store then costs no lookups.
    private var onlyNewBlocks: Bool

    /// The cells given for the block, in the order given (packed as they are when no cell is
    /// stored and they come by day, each day once).
    private var given: [Day] = []
    /// Otherwise: the stored cells of the block, then the given ones; their order by day;
    /// the block's new cells.
    private var merged: [Day] = []
    private var order: [Int] = []
    private var days: [Day] = []
    private var packed: [UInt8] = []

    /// Prepares the statements on `database` for `table`; `store` names the store in errors.
    init(database: Database, table: String = "audit_daily_usage", store: String) throws {
        self.store = store
        self.table = table
        onlyNewBlocks = try Bool.fetchOne(database, sql: "SELECT NOT EXISTS (SELECT 1 FROM \(table))") ?? false
        select = Statement(try database.cStatement(StateSchema.selectPackedDays(from: table)))
        upsert = try SQLiteRowWriter(database: database, sql: StateSchema.upsertPackedDays(into: table))
    }

    /// Writes `cell`, replacing the stored cell of its user, scope and day (when the block
    /// changes, or at `finish()`).
    /// - Throws: `StateError.unavailable` when the stored row of a block does not decode.
    mutating func write(_ cell: StoredCell) throws {
        var user = cell.user
        var scope = cell.scope
        try user.withUTF8 { userBytes in
            try scope.withUTF8 { scopeBytes in try write(user: userBytes, scope: scopeBytes, day: cell.day, counts: cell.counts) }
        }
    }

    /// Writes the cell of the user and scope named by these bytes (valid during the call).
    mutating func write(user: UnsafeBufferPointer<UInt8>, scope: UnsafeBufferPointer<UInt8>, day: LocalDay, counts: UsageCounts) throws {
        let block = DayPacking.blockStart(of: day)
        if names.isHeld, !(block == self.block && names.holds(user: user, scope: scope)) {
            try flush()
        }
        if !names.isHeld {
            names.hold(user: user, scope: scope)
            self.block = block
        }
        given.append((day, counts))
    }

    /// Writes the last block.
    mutating func finish() throws {
        try flush()
    }

    private mutating func flush() throws {
        guard names.isHeld else { return }
        defer {
            names.release()
            given.removeAll(keepingCapacity: true)
        }
        merged.removeAll(keepingCapacity: true)
        if onlyNewBlocks, !followsWritten() { onlyNewBlocks = false }
        if !onlyNewBlocks { try readStored() }
        // Stored days first, then the given ones in their order: the last of each day wins.
        // Without stored days, cells given by day (a run's update) are the block as they are.
        let newCells: [Day]
        if merged.isEmpty, Self.isByDay(given) {
            newCells = given
        } else {
            merged.append(contentsOf: given)
            order.removeAll(keepingCapacity: true)
            order.append(contentsOf: merged.indices)
            order.sort { (merged[$0].day, $0) < (merged[$1].day, $1) }
            days.removeAll(keepingCapacity: true)
            for (position, index) in order.enumerated()
            where position + 1 == order.count || merged[order[position + 1]].day != merged[index].day {
                days.append(merged[index])
            }
            newCells = days
        }
        packed.removeAll(keepingCapacity: true)
        DayPacking.pack(newCells, into: &packed)
        try names.user.withUnsafeBufferPointer { user in
            try names.scope.withUnsafeBufferPointer { scope in
                try upsert.insert(user: user, scope: scope, integer: Int64(block.number), blob: packed)
            }
        }
        names.noteWritten()
        writtenBlock = block
    }

    /// Appends the cells of the stored row of the block (if any) to `merged`.
    private mutating func readStored() throws {
        let statement = select.statement
        var stored: [Day] = []
        swap(&stored, &merged)
        defer { swap(&stored, &merged) }
        let (code, intact) = names.user.withUnsafeBufferPointer { userBytes in
            names.scope.withUnsafeBufferPointer { scopeBytes -> (Int32, Bool) in
                Database.bindText(statement, 1, userBytes)
                Database.bindText(statement, 2, scopeBytes)
                sqlite3_bind_int64(statement, 3, Int64(block.number))
                defer {
                    sqlite3_reset(statement)
                    sqlite3_clear_bindings(statement)
                }
                let stepped = sqlite3_step(statement)
                guard stepped == SQLITE_ROW else { return (stepped, true) }
                guard sqlite3_column_type(statement, 0) == SQLITE_BLOB else { return (stepped, false) }
                let bytes = UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, 0), count: Int(sqlite3_column_bytes(statement, 0)))
                return (stepped, DayPacking.unpack(bytes, block: block) { stored.append(($0, $1)) })
            }
        }
        guard code == SQLITE_ROW || code == SQLITE_DONE else { throw Database.cStatementError(code, connection: select.connection) }
        guard intact else {
            throw StateError.unavailable(store: store, reason: SQLiteStateStore.damagedDaysReason(
                table: table, user: String(decoding: names.user, as: UTF8.self), scope: String(decoding: names.scope, as: UTF8.self),
                block: block))
        }
    }

    /// Whether this block comes after the one written last in the table's key order (or is
    /// the first).
    private func followsWritten() -> Bool {
        switch names.orderAgainstWritten() {
        case .after: return true
        case .same: return writtenBlock < block
        case .before: return false
        }
    }

    /// Whether `cells` come by day, each day once.
    private static func isByDay(_ cells: [Day]) -> Bool {
        var index = 1
        while index < cells.count {
            if cells[index - 1].day >= cells[index].day { return false }
            index += 1
        }
        return true
    }

    /// The select statement, finalized with the last copy of the writer.
    private final class Statement {
        let connection: OpaquePointer
        let statement: OpaquePointer

        init(_ prepared: (connection: OpaquePointer, statement: OpaquePointer)) {
            (connection, statement) = prepared
        }

        deinit {
            sqlite3_finalize(statement)
        }
    }
}
