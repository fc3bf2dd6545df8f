/// Usage per (user, scope, local day) for a set of inputs: the mergeable partial result
/// every worker, file and shard produces.
///
/// Merging is exact, associative and commutative: the aggregate of the whole input equals
/// the merge of the aggregates of any split of it, in any order.
///
/// Cells live in a flat open-addressing table (`CountTable`) keyed by interned user ids, so
/// counting a request allocates nothing; `cellKeys`, `cellCounts` and `forEachCell` walk
/// them in insertion order (or in user order after `arrangeByUser()`), and `cells` builds
/// a dictionary for callers that want one.
public struct UsageAggregate: Sendable {
    /// User names; `UsageKey.user` indexes into it.
    public private(set) var users: ByteInterner
    private(set) var table: CountTable<UsageKey>
    /// `users.ranksByBytes()` as of the last `arrangeByUser()`; stale once a user was added
    /// (users are only ever added, so a count that differs tells). Only `arrangeByUser()`
    /// writes it.
    var rankCache: [Int32] = []

    public init() {
        users = ByteInterner()
        table = CountTable()
    }

    /// An aggregate of the cells `keys` with their `counts` (parallel), whose user ids are
    /// `users`' ids. Without `mayRepeat` every key must be distinct (a store's rows): the
    /// index is then built in one pass, with no lookup per cell; with it, a key given twice
    /// adds up.
    init(users: ByteInterner, keys: [UsageKey], counts: [UsageCounts], mayRepeat: Bool) {
        self.users = users
        if mayRepeat {
            table = CountTable(capacity: keys.count)
            for index in keys.indices { table.add(counts[index], to: keys[index]) }
        } else {
            table = CountTable(distinctKeys: keys, counts: counts)
        }
    }

    /// Every cell as a dictionary (built on each call: prefer `forEachCell` on large aggregates).
    public var cells: [UsageKey: UsageCounts] {
        Dictionary(uniqueKeysWithValues: zip(table.keys, table.counts))
    }

    /// The number of cells.
    public var cellCount: Int { table.count }

    /// The cell keys, in the order the cells were created (or arranged).
    public var cellKeys: [UsageKey] { table.keys }

    /// The counts of each cell, parallel to `cellKeys`.
    public var cellCounts: [UsageCounts] { table.counts }

    /// Calls `body` with every cell, in the order the cells were created (or arranged).
    public func forEachCell(_ body: (UsageKey, UsageCounts) throws -> Void) rethrows {
        let keys = table.keys
        let counts = table.counts
        for index in keys.indices { try body(keys[index], counts[index]) }
    }

    /// The counts of one cell, if it has any.
    public func counts(for key: UsageKey) -> UsageCounts? {
        table[key]
    }

    /// Asks the CPU to start fetching what `counts(for: key)` reads first, for a lookup soon.
    @inline(__always)
    func prefetchCounts(for key: UsageKey) {
        table.prefetchSlot(for: key)
    }

    /// The id of the user whose label is `user`, adding the user if new (hot path: pair it
    /// with `record(userID:…)`).
    @inline(__always)
    public mutating func intern(user: UnsafeBufferPointer<UInt8>) -> Int32 {
        users.intern(user)
    }

    /// Records one request of the user whose label is `user`.
    @inline(__always)
    public mutating func record(
        user: UnsafeBufferPointer<UInt8>, scope: Int, day: LocalDay, time: Int64,
        units: Int64, consumed: Bool, rejected: Bool
    ) {
        let id = users.intern(user)
        record(userID: id, scope: scope, day: day, time: time, units: units, consumed: consumed, rejected: rejected)
    }

    /// Records one request of user `userID` (an id from `intern(user:)`).
    @inline(__always)
    public mutating func record(
        userID: Int32, scope: Int, day: LocalDay, time: Int64, units: Int64, consumed: Bool, rejected: Bool
    ) {
        let index = table.entry(for: UsageKey(user: userID, scope: Int32(truncatingIfNeeded: scope), day: day))
        table.update(index) { $0.record(time: time, units: units, consumed: consumed, rejected: rejected) }
    }

    /// Adds `counts` to the cell of user `userID` (an id from `intern(user:)`).
    @inline(__always)
    mutating func add(_ counts: UsageCounts, userID: Int32, scope: Int, day: LocalDay) {
        table.add(counts, to: UsageKey(user: userID, scope: Int32(truncatingIfNeeded: scope), day: day))
    }

    /// Releases the room the cell table reserved for growth (the end of counting).
    mutating func compact() {
        table.shrinkToFit()
    }

    /// Adds counts for a user given by name (cold path: merging, loading partials).
    public mutating func add(_ counts: UsageCounts, user: String, scope: Int, day: LocalDay) {
        let id = users.intern(user)
        table.add(counts, to: UsageKey(user: id, scope: Int32(truncatingIfNeeded: scope), day: day))
    }

    /// Adds every cell of `other` (whose user ids are its own) into this aggregate.
    public mutating func merge(_ other: UsageAggregate) {
        if table.isEmpty && users.count == 0 {
            self = other
            return
        }
        var idMap: [Int32] = []
        idMap.reserveCapacity(other.users.count)
        for id in 0..<Int32(other.users.count) {
            idMap.append(users.intern(id, of: other.users))
        }
        table.reserve(table.count + other.table.count)
        other.forEachCell { key, counts in
            table.add(counts, to: UsageKey(user: idMap[Int(key.user)], scope: key.scope, day: key.day))
        }
    }

    /// Puts the cells in the order `order` gives (see `arrangeByUser()`).
    mutating func reorderCells(_ order: [Int32]) {
        table.reorder(order)
    }

    /// The name of user `id`.
    public func userName(_ id: Int32) -> String {
        users.string(for: id)
    }

    /// Every cell keyed by user name instead of id: the comparable form of an aggregate
    /// (two aggregates are equal when their `cellsByName` are).
    public var cellsByName: [UsageCellName: UsageCounts] {
        var result: [UsageCellName: UsageCounts] = [:]
        forEachCell { key, counts in
            result[UsageCellName(user: userName(key.user), scope: Int(key.scope), day: key.day)] = counts
        }
        return result
    }
}
