/// What the state store holds of earlier runs, from some day on.
///
/// The daily cells are kept in columns (interned users, keys, counts), not one value per
/// cell: a store of half a year holds millions of cells, and a `StoredCell` with its two
/// strings costs more than twice a cell of the aggregate, which the run builds from them
/// anyway (`takeUsage`). Rows arrive grouped by user (the stores' key order), so a user's
/// name is interned once per run of rows; a store's key holds each user, scope and day
/// once, so the aggregate's index is built once at the end, with no lookup per row.
public struct StoredHistory: Sendable {
    /// The scope names the cells hold, in the order first read (not the configuration's).
    public var scopeNames: [String] {
        (0..<Int32(scopes.count)).map { scopes.string(for: $0) }
    }
    /// The hourly slots, packed until they are restored (`HourlyUsage.restore(_:scopeIndex:)`).
    private(set) var packedSlots = PackedSlotRows()
    /// The first day the store has any use for, in all its history.
    public var firstDay: LocalDay?
    /// The id of the last run the store recorded when this was read (0: none), so that a
    /// commit can tell that another run committed in between (`StateUpdate.readAfterRun`).
    public var lastRun: Int64 = 0

    private var users = ByteInterner()
    private var scopes = ByteInterner(capacity: 16)
    /// The cells: a key's scope indexes `scopeNames`.
    private var keys: [UsageKey] = []
    private var counts: [UsageCounts] = []
    /// Whether a cell may have been given twice (`append(_:)`), so that building the
    /// aggregate must look each one up.
    private var mayRepeat = false
    /// The ids of the last user and scope appended, to skip interning a name again on the
    /// next row.
    private var lastUser: Int32?
    private var lastScope: Int32?

    public init(cells: [StoredCell] = [], slots: [StoredSlot] = [], firstDay: LocalDay? = nil) {
        self.firstDay = firstDay
        for cell in cells { append(cell) }
        for slot in slots { append(slot) }
    }

    /// Every hourly slot as a value (built on each call: for tests and small stores).
    public var slots: [StoredSlot] { packedSlots.slots }

    /// Adds one stored hourly slot (a store that keeps a row per slot).
    public mutating func append(_ slot: StoredSlot) {
        packedSlots.append(slot)
    }

    /// Adds the hourly slots of one user and scope packed as `SlotPacking` packs them (names
    /// as their bytes, valid only during the call); false, and nothing added, when the bytes
    /// do not unpack (a damaged store).
    public mutating func appendSlots(user: UnsafeBufferPointer<UInt8>, scope: UnsafeBufferPointer<UInt8>, packed: UnsafeRawBufferPointer) -> Bool {
        packedSlots.append(user: user, scope: scope, packed: packed)
    }

    /// The number of cells given (a cell given twice counts twice).
    public var cellCount: Int { keys.count }

    /// The daily use as an aggregate whose scopes index `scopeNames` (built on each call).
    public var usage: UsageAggregate {
        var copy = self
        return copy.takeUsage(renumberingScopes: scopeNames.indices.map { $0 })
    }

    /// Every daily cell as a value (built on each call: for tests and small stores).
    public var cells: [StoredCell] {
        let usage = usage
        let scopeNames = scopeNames
        var cells: [StoredCell] = []
        cells.reserveCapacity(usage.cellCount)
        usage.forEachCell { key, counts in
            cells.append(StoredCell(user: usage.userName(key.user), scope: scopeNames[Int(key.scope)], day: key.day, counts: counts))
        }
        return cells
    }

    /// Adds one stored daily cell; a cell given twice adds up.
    public mutating func append(_ cell: StoredCell) {
        var user = cell.user
        var scope = cell.scope
        user.withUTF8 { userBytes in
            scope.withUTF8 { scopeBytes in append(user: userBytes, scope: scopeBytes, day: cell.day, counts: cell.counts) }
        }
        mayRepeat = true
    }

    /// Adds one stored daily cell given by the bytes of its user and scope names (valid only
    /// during the call). A store's key holds each user, scope and day once: the caller must
    /// not give one twice.
    public mutating func append(user: UnsafeBufferPointer<UInt8>, scope: UnsafeBufferPointer<UInt8>, day: LocalDay, counts: UsageCounts) {
        let userID = users.intern(user, tryingFirst: lastUser)
        let scopeID = scopes.intern(scope, tryingFirst: lastScope)
        (lastUser, lastScope) = (userID, scopeID)
        keys.append(UsageKey(user: userID, scope: scopeID, day: day))
        self.counts.append(counts)
    }

    /// Reserves room for `count` more cells (a store that knows how many rows follow).
    public mutating func reserveCells(_ count: Int) {
        keys.reserveCapacity(keys.count + count)
        counts.reserveCapacity(counts.count + count)
    }

    /// Moves the daily use out as an aggregate, leaving none behind: a cell of stored scope
    /// `s` gets scope `map[s]`, and the cells of a scope that maps to nil (or lies past
    /// `map`) are left out. Two scopes that map to one (names Swift deems equal, such as a
    /// precomposed and a decomposed accent) add up.
    public mutating func takeUsage(renumberingScopes map: [Int?]) -> UsageAggregate {
        let targets = map.compactMap { $0 }
        let mayRepeat = mayRepeat || Set(targets).count != targets.count
        let (keys, counts, users) = takeCells(renumberingScopes: map)
        return UsageAggregate(users: users, keys: keys, counts: counts, mayRepeat: mayRepeat)
    }

    /// Moves the daily use out as `takeUsage(renumberingScopes:)` does, with `fresh`'s cells
    /// added and the whole arranged by user (`UsageAggregate.arrangeByUser()`); nil when no
    /// stored cell is left (`fresh` is then the whole).
    public mutating func takeUsage(renumberingScopes map: [Int?], adding fresh: UsageAggregate) -> UsageAggregate? {
        let (keys, counts, users) = takeCells(renumberingScopes: map)
        guard !keys.isEmpty else { return nil }
        return UsageAggregate(joining: consume keys, counts: consume counts, users: users, with: fresh)
    }

    /// The cells' keys (scopes renumbered by `map`, those of unmapped scopes left out), their
    /// counts and the users their ids index, moved out.
    private mutating func takeCells(renumberingScopes map: [Int?]) -> ([UsageKey], [UsageCounts], ByteInterner) {
        var taken = keys
        var takenCounts = counts
        (keys, counts) = ([], [])
        // In place: the kept cells move down.
        var kept = 0
        for index in taken.indices {
            let key = taken[index]
            guard key.scope >= 0, Int(key.scope) < map.count, let scope = map[Int(key.scope)] else { continue }
            taken[kept] = UsageKey(user: key.user, scope: Int32(truncatingIfNeeded: scope), day: key.day)
            takenCounts[kept] = takenCounts[index]
            kept += 1
        }
        taken.removeSubrange(kept...)
        takenCounts.removeSubrange(kept...)
        defer { (users, lastUser) = (ByteInterner(), nil) }
        return (taken, takenCounts, users)
    }
}
