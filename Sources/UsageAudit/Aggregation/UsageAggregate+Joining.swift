extension UsageAggregate {
    /// The cells `keys` with their `counts` (parallel, user ids of `users`) and every cell of
    /// `fresh`, arranged as `arrangeByUser()` leaves them, the counts of a key given more
    /// than once added up: the same aggregate as building one from the cells, merging
    /// `fresh` into it and arranging it, but with the index built once, over the arranged
    /// cells (a night's run joins half a year of stored cells this way).
    init(joining keys: consuming [UsageKey], counts: consuming [UsageCounts], users: ByteInterner, with fresh: UsageAggregate) {
        var users = users
        var keys = keys
        var counts = counts
        let idMap = (0..<Int32(fresh.users.count)).map { users.intern($0, of: fresh.users) }
        keys.reserveCapacity(keys.count + fresh.cellCount)
        counts.reserveCapacity(counts.count + fresh.cellCount)
        fresh.forEachCell { key, cellCounts in
            keys.append(UsageKey(user: idMap[Int(key.user)], scope: key.scope, day: key.day))
            counts.append(cellCounts)
        }
        let ranks = users.ranksByBytes()
        var order = Self.arrangement(of: keys, ranks: ranks)
        // Keys first: a key equal to the one before adds into it (its position marked by
        // its complement), so that the old keys can go before the counts are placed.
        var arrangedKeys: [UsageKey] = []
        arrangedKeys.reserveCapacity(order.count)
        for position in order.indices {
            let key = keys[Int(order[position])]
            if let last = arrangedKeys.last, last == key {
                order[position] = ~order[position]
            } else {
                arrangedKeys.append(key)
            }
        }
        keys = []
        var arrangedCounts: [UsageCounts] = []
        arrangedCounts.reserveCapacity(arrangedKeys.count)
        for item in order {
            if item < 0 {
                arrangedCounts[arrangedCounts.count - 1].merge(counts[Int(~item)])
            } else {
                arrangedCounts.append(counts[Int(item)])
            }
        }
        counts = []
        self.init(users: users, keys: arrangedKeys, counts: arrangedCounts, mayRepeat: false)
        rankCache = ranks
    }
}
