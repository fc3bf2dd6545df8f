/// What the state store holds of earlier runs, from some day on.
///
/// The daily cells are read straight into an aggregate (`usage`), not into one value per
/// cell: a store of half a year holds millions of cells, and a `StoredCell` with its two
/// strings costs more than twice a cell of the aggregate, which the run builds anyway.
/// Rows arrive grouped by user (the stores' key order), so a user's name is interned once
/// per run of rows, not once per row.
public struct StoredHistory: Sendable {
    /// Daily use per user, scope and day; a cell's scope indexes `scopeNames`.
    public private(set) var usage = UsageAggregate()
    /// The scope names the cells hold, in the order first read (not the configuration's).
    public private(set) var scopeNames: [String] = []
    public var slots: [StoredSlot]
    /// The first day the store has any use for, in all its history.
    public var firstDay: LocalDay?
    /// The id of the last run the store recorded when this was read (0: none), so that a
    /// commit can tell that another run committed in between (`StateUpdate.readAfterRun`).
    public var lastRun: Int64 = 0
    /// The id of the last user appended, to skip interning a user's name again on the next row.
    private var lastUser: Int32?
    /// The bytes of each of `scopeNames`, and the index of the last scope appended.
    private var scopeBytes: [[UInt8]] = []
    private var lastScope = 0

    public init(cells: [StoredCell] = [], slots: [StoredSlot] = [], firstDay: LocalDay? = nil) {
        self.slots = slots
        self.firstDay = firstDay
        for cell in cells { append(cell) }
    }

    /// Every daily cell as a value (built on each call: for tests and small stores).
    public var cells: [StoredCell] {
        var cells: [StoredCell] = []
        cells.reserveCapacity(usage.cellCount)
        usage.forEachCell { key, counts in
            cells.append(StoredCell(user: usage.userName(key.user), scope: scopeNames[Int(key.scope)], day: key.day, counts: counts))
        }
        return cells
    }

    /// The number of daily cells.
    public var cellCount: Int { usage.cellCount }

    /// Adds one stored daily cell (a store holds each user, scope and day once; a cell given
    /// twice adds up).
    public mutating func append(_ cell: StoredCell) {
        var user = cell.user
        var scope = cell.scope
        user.withUTF8 { userBytes in
            scope.withUTF8 { scopeBytes in append(user: userBytes, scope: scopeBytes, day: cell.day, counts: cell.counts) }
        }
    }

    /// Adds one stored daily cell given by the bytes of its user and scope names (valid only
    /// during the call).
    public mutating func append(user: UnsafeBufferPointer<UInt8>, scope: UnsafeBufferPointer<UInt8>, day: LocalDay, counts: UsageCounts) {
        let id: Int32
        if let lastUser, usage.users.withBytes(of: lastUser, { $0.hasSameBytes(as: user) }) {
            id = lastUser
        } else {
            id = usage.intern(user: user)
            lastUser = id
        }
        usage.add(counts, userID: id, scope: scopeIndex(of: scope), day: day)
    }

    /// Moves the daily use out, leaving none behind (so that the run's aggregate is this
    /// one, not a copy of it).
    public mutating func takeUsage() -> UsageAggregate {
        defer { usage = UsageAggregate() }
        return usage
    }

    /// Reserves room for `count` more cells (a store that knows how many rows follow).
    public mutating func reserveCells(_ count: Int) {
        usage.reserveCells(usage.cellCount + count)
    }

    /// The index of the scope named `bytes` in `scopeNames`, added when new (a handful of
    /// names: the last one, then a linear search).
    private mutating func scopeIndex(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if lastScope < scopeBytes.count, scopeBytes[lastScope].withUnsafeBufferPointer({ $0.hasSameBytes(as: bytes) }) {
            return lastScope
        }
        if let index = scopeBytes.firstIndex(where: { $0.withUnsafeBufferPointer { $0.hasSameBytes(as: bytes) } }) {
            lastScope = index
            return index
        }
        scopeBytes.append(Array(bytes))
        scopeNames.append(String(decoding: bytes, as: UTF8.self))
        lastScope = scopeNames.count - 1
        return lastScope
    }
}
