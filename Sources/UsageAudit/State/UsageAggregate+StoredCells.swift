extension UsageAggregate {
    /// Calls `body` with each cell of `combined` that this aggregate (a run's fresh usage)
    /// has, with its combined counts, sorted by user name, scope name and day (users and
    /// scopes ranked once, not compared as strings): the cells the state store updates.
    /// - Parameter scopeNames: `AuditConfiguration.scopeNames` (cell scope indexes point into it).
    public func forEachStoredCell(
        in combined: UsageAggregate, scopeNames: [String], _ body: (StoredCell) throws -> Void
    ) rethrows {
        let userMap = (0..<Int32(users.count)).map { id in
            users.withBytes(of: id) { combined.users.lookup($0) } ?? -1
        }
        let userRank = userRanks
        // Scopes by the rank of their names; an index past the names (none in practice)
        // after them, in index order.
        var scopeRank = Array(0..<max(scopeNames.count, Int(cellKeys.lazy.map(\.scope).max() ?? 0) + 1))
        for (rank, scope) in scopeNames.indices.sorted(by: {
            scopeNames[$0].utf8.lexicographicallyPrecedes(scopeNames[$1].utf8)
        }).enumerated() {
            scopeRank[scope] = rank
        }
        let keys = cellKeys
        let groups = RankGrouping(count: keys.count, ranks: userRank.count) { Int(userRank[Int(keys[$0].user)]) }
        var userCells: [Int32] = []
        // The lookups in `combined` land anywhere in its index: those of the next user are
        // started while this one's cells are written, so that they overlap.
        func prefetchLookups(ofRank position: Int) {
            guard position < groups.rankCount else { return }
            for index in groups.items(ofRank: position) {
                let key = keys[Int(index)]
                let user = userMap[Int(key.user)]
                if user >= 0 { combined.prefetchCounts(for: UsageKey(user: user, scope: key.scope, day: key.day)) }
            }
        }
        prefetchLookups(ofRank: 0)
        for position in 0..<groups.rankCount {
            prefetchLookups(ofRank: position + 1)
            let group = groups.items(ofRank: position)
            guard let first = group.first else { continue }
            userCells.removeAll(keepingCapacity: true)
            userCells.append(contentsOf: group)
            userCells.sort { left, right in
                let a = keys[Int(left)]
                let b = keys[Int(right)]
                return (scopeRank[Int(a.scope)], a.day.number) < (scopeRank[Int(b.scope)], b.day.number)
            }
            let user = userName(keys[Int(first)].user)
            let combinedUser = userMap[Int(keys[Int(first)].user)]
            for index in userCells {
                let key = keys[Int(index)]
                guard combinedUser >= 0,
                      let counts = combined.counts(for: UsageKey(user: combinedUser, scope: key.scope, day: key.day))
                else { continue }
                try body(StoredCell(user: user, scope: scopeNames[Int(key.scope)], day: key.day, counts: counts))
            }
        }
    }
}
