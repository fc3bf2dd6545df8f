import GRDB

/// Writes hourly slots to SQLite's packed hourly table (schema 3, `SlotPacking`): each run
/// of slots of one user and scope becomes one row, packed as the slots arrive.
///
/// The runs must come in the table's key order (user, then scope, by their bytes, as the
/// store keys them: two spellings Swift deems equal, a precomposed and a decomposed accent,
/// are two users); `write` or `finish()` throws `Ungrouped` when one does not. A struct
/// whose names are kept in buffers reused from row to row, for the reason
/// `SQLiteDayBlockWriter` gives.
struct SQLiteSlotRowWriter {
    /// A run of slots of one user and scope that does not come after the last one written.
    struct Ungrouped: Error {}

    private let insert: SQLiteRowWriter
    /// The row being packed, while `holdsRow`: its user's and scope's bytes, its packed slots
    /// and the start of its last slot.
    private var user: [UInt8] = []
    private var scope: [UInt8] = []
    private var packed: [UInt8] = []
    private var lastStart: Int64 = 0
    private var holdsRow = false
    /// The row written last, while `hasWritten`.
    private var writtenUser: [UInt8] = []
    private var writtenScope: [UInt8] = []
    private var hasWritten = false

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
                if holdsRow, !(self.user.hasSameBytes(as: userBytes) && self.scope.hasSameBytes(as: scopeBytes)) { try flush() }
                if !holdsRow {
                    self.user.removeAll(keepingCapacity: true)
                    self.user.append(contentsOf: userBytes)
                    self.scope.removeAll(keepingCapacity: true)
                    self.scope.append(contentsOf: scopeBytes)
                    packed.removeAll(keepingCapacity: true)
                    lastStart = 0
                    holdsRow = true
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
        guard holdsRow else { return }
        if hasWritten, !followsWritten() { throw Ungrouped() }
        try user.withUnsafeBufferPointer { user in
            try scope.withUnsafeBufferPointer { scope in try insert.insert(user: user, scope: scope, blob: packed) }
        }
        holdsRow = false
        // This row is now the one written last (its buffers swapped in, not copied).
        swap(&user, &writtenUser)
        swap(&scope, &writtenScope)
        hasWritten = true
    }

    /// Whether this row comes after the one written last in the table's key order.
    private func followsWritten() -> Bool {
        writtenUser.withUnsafeBufferPointer { writtenUser in
            user.withUnsafeBufferPointer { user in
                if !writtenUser.hasSameBytes(as: user) { return ByteInterner.precedes(writtenUser, user) }
                return writtenScope.withUnsafeBufferPointer { writtenScope in
                    scope.withUnsafeBufferPointer { ByteInterner.precedes(writtenScope, $0) }
                }
            }
        }
    }
}
