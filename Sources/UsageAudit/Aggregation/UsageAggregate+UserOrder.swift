extension UsageAggregate {
    /// `ranks[id]`: the position of user `id` among the users in the byte order of their
    /// names (what reports and the state store sort by). Kept by `arrangeByUser()` until a
    /// user is added; computed on each read otherwise.
    public var userRanks: [Int32] {
        rankCache.count == users.count ? rankCache : users.ranksByBytes()
    }

    /// Puts the cells in the order their readers walk them: by user (names in byte order),
    /// then day, then scope. The usage reports, the reconciliation index and the state
    /// update each group the cells by user; arranged once, each of them reads the table
    /// front to back instead of jumping through it in counting order. Counts and lookups
    /// are unchanged.
    public mutating func arrangeByUser() {
        let ranks = userRanks
        rankCache = ranks
        let keys = cellKeys
        guard !keys.isEmpty else { return }
        let order = Self.arrangement(of: keys, ranks: ranks)
        guard !order.indices.elementsEqual(order.lazy.map { Int($0) }) else { return }
        reorderCells(order)
    }

    /// The positions of `keys` in arranged order: by the rank of their user in `ranks`, then
    /// day, then scope (keys that are equal end up next to each other).
    static func arrangement(of keys: [UsageKey], ranks: [Int32]) -> [Int32] {
        var groups = RankGrouping(count: keys.count, ranks: ranks.count) { Int(ranks[Int(keys[$0].user)]) }
        groups.sortEachRank { left, right in
            let (a, b) = (keys[Int(left)], keys[Int(right)])
            return a.day != b.day ? a.day < b.day : a.scope < b.scope
        }
        return groups.order
    }
}
