/// The hourly slots a state store holds, kept packed as the SQLite store keeps them
/// (`SlotPacking`: a few bytes a slot) until they are restored into the run's hourly usage.
///
/// A store of a busy API holds about a million slots. As `StoredSlot` values, with two
/// strings each, they took about 80 bytes a slot, on top of the hourly table they were
/// restored into: the peak of a nightly run with a state store. Packed, one row per user
/// and scope, the same slots take what the store's rows take.
struct PackedSlotRows: Sendable {
    /// One run of slots of one user and scope.
    struct Row: Sendable {
        /// Ids in `users` and `scopes`.
        var user: Int32
        var scope: Int32
        /// Where its packed slots are in `bytes`.
        var start: Int
        var end: Int
    }

    private(set) var users = ByteInterner(capacity: 16)
    private(set) var scopes = ByteInterner(capacity: 16)
    private(set) var rows: [Row] = []
    private var bytes: [UInt8] = []
    /// The number of slots held.
    private(set) var count = 0

    var isEmpty: Bool { rows.isEmpty }

    /// Adds the packed slots of one user and scope (names as their bytes, valid only during
    /// the call), after checking that they unpack; false (nothing added) when they do not.
    mutating func append(user: UnsafeBufferPointer<UInt8>, scope: UnsafeBufferPointer<UInt8>, packed: UnsafeRawBufferPointer) -> Bool {
        var slots = 0
        guard SlotPacking.unpack(packed, { _, _ in slots += 1 }) else { return false }
        guard slots > 0 else { return true }
        let start = bytes.count
        bytes.append(contentsOf: packed)
        let (userID, scopeID) = (users.intern(user, tryingFirst: rows.last?.user), scopes.intern(scope, tryingFirst: rows.last?.scope))
        append(Row(user: userID, scope: scopeID, start: start, end: bytes.count), slots: slots)
        return true
    }

    /// Adds one slot given as a value (a store that keeps a row per slot).
    mutating func append(_ slot: StoredSlot) {
        let start = bytes.count
        SlotPacking.append(start: slot.start, counts: slot.counts, after: 0, to: &bytes)
        var (user, scope) = (slot.user, slot.scope)
        let userID = user.withUTF8 { users.intern($0, tryingFirst: rows.last?.user) }
        let scopeID = scope.withUTF8 { scopes.intern($0, tryingFirst: rows.last?.scope) }
        append(Row(user: userID, scope: scopeID, start: start, end: bytes.count), slots: 1)
    }

    /// Calls `body` with each row and its packed slots (checked when added: they unpack), in
    /// the order added.
    func forEachRow(_ body: (Row, UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes { all in
            for row in rows { body(row, UnsafeRawBufferPointer(rebasing: all[row.start..<row.end])) }
        }
    }

    /// Every slot as a value (for tests and small stores).
    var slots: [StoredSlot] {
        var result: [StoredSlot] = []
        result.reserveCapacity(count)
        forEachRow { row, packed in
            let (user, scope) = (users.string(for: row.user), scopes.string(for: row.scope))
            _ = SlotPacking.unpack(packed) { start, counts in result.append(StoredSlot(user: user, scope: scope, start: start, counts: counts)) }
        }
        return result
    }

    private mutating func append(_ row: Row, slots: Int) {
        rows.append(row)
        count += slots
    }
}
