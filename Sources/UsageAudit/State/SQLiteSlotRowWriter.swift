import GRDB

/// Writes hourly slots to SQLite's packed hourly table (schema 3, `SlotPacking`): each run
/// of slots of one user and scope becomes one row, packed as the slots arrive.
///
/// The runs must come in the table's key order (user, then scope, by their bytes:
/// `SQLiteRowNames`); `write` or `finish()` throws `Ungrouped` when one does not. A struct
/// whose names are kept in buffers reused from row to row, for the reason
/// `SQLiteDayBlockWriter` gives.
struct SQLiteSlotRowWriter {
    /// A run of slots of one user and scope that does not come after the last one written.
    struct Ungrouped: Error {}

    private let insert: SQLiteRowWriter
    /// The user and scope of the row being packed (while it is held) and of the row written
    /// last.
    private var names = SQLiteRowNames()
    /// The row's packed slots, and the start of its last slot.
    private var packed: [UInt8] = []
    private var lastStart: Int64 = 0

    /// Prepares the insert into `table` (empty) on `database`.
    init(database: Database, table: String) throws {
        insert = try SQLiteRowWriter(database: database, sql: StateSchema.insertPackedSlots(into: table))
    }

    /// Adds `slot` to the row of its user and scope, writing the row before when it is another's.
    mutating func write(_ slot: StoredSlot) throws {
        var user = slot.user
        var scope = slot.scope
        try user.withUTF8 { userBytes in
            try scope.withUTF8 { scopeBytes in
                if names.isHeld, !names.holds(user: userBytes, scope: scopeBytes) { try flush() }
                if !names.isHeld {
                    names.hold(user: userBytes, scope: scopeBytes)
                    packed.removeAll(keepingCapacity: true)
                    lastStart = 0
                }
            }
        }
        SlotPacking.append(start: slot.start, counts: slot.counts, after: lastStart, to: &packed)
        lastStart = slot.start
    }

    /// Writes the last row.
    mutating func finish() throws {
        try flush()
    }

    private mutating func flush() throws {
        guard names.isHeld else { return }
        guard names.orderAgainstWritten() == .after else { throw Ungrouped() }
        try names.user.withUnsafeBufferPointer { user in
            try names.scope.withUnsafeBufferPointer { scope in try insert.insert(user: user, scope: scope, blob: packed) }
        }
        names.noteWritten()
    }
}
