/// Usage per (user, scope, local day) for a set of inputs: the mergeable partial result
/// every worker, file and shard produces.
///
/// Merging is exact, associative and commutative: the aggregate of the whole input equals
/// the merge of the aggregates of any split of it, in any order.
public struct UsageAggregate: Sendable {
    /// User names; `UsageKey.user` indexes into it.
    public private(set) var users: ByteInterner
    public private(set) var cells: [UsageKey: UsageCounts]

    public init() {
        users = ByteInterner()
        cells = [:]
    }

    /// Records one request of the user whose label is `user`.
    @inline(__always)
    public mutating func record(
        user: UnsafeBufferPointer<UInt8>, scope: Int, day: LocalDay, time: Int64,
        units: Int64, consumed: Bool, rejected: Bool
    ) {
        let id = users.intern(user)
        cells[UsageKey(user: id, scope: Int32(scope), day: day), default: UsageCounts()]
            .record(time: time, units: units, consumed: consumed, rejected: rejected)
    }

    /// Adds counts for a user given by name (cold path: merging, loading partials).
    public mutating func add(_ counts: UsageCounts, user: String, scope: Int, day: LocalDay) {
        let id = users.intern(user)
        cells[UsageKey(user: id, scope: Int32(scope), day: day), default: UsageCounts()].merge(counts)
    }

    /// Adds every cell of `other` (whose user ids are its own) into this aggregate.
    public mutating func merge(_ other: UsageAggregate) {
        var idMap: [Int32] = []
        idMap.reserveCapacity(other.users.count)
        for id in 0..<other.users.count {
            idMap.append(users.intern(other.users.string(for: Int32(id))))
        }
        for (key, counts) in other.cells {
            let mapped = UsageKey(user: idMap[Int(key.user)], scope: key.scope, day: key.day)
            cells[mapped, default: UsageCounts()].merge(counts)
        }
    }

    /// The name of user `id`.
    public func userName(_ id: Int32) -> String {
        users.string(for: id)
    }

    /// Every cell keyed by user name instead of id: the comparable form of an aggregate
    /// (two aggregates are equal when their `cellsByName` are).
    public var cellsByName: [UsageCellName: UsageCounts] {
        var result: [UsageCellName: UsageCounts] = [:]
        for (key, counts) in cells {
            result[UsageCellName(user: userName(key.user), scope: Int(key.scope), day: key.day)] = counts
        }
        return result
    }
}
