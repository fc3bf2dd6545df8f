extension UsageAggregate {
    /// The daily series of every user for every scope with use and for `all`, sorted by
    /// user name (UTF-8 order), then `all`, then scopes in configuration order.
    /// - Parameters:
    ///   - scopeNames: `AuditConfiguration.scopeNames` (cell scope indexes point into it).
    ///   - users: only these users' series; nil for every user.
    public func dailySeries(scopeNames: [String], users wanted: Set<String>? = nil) -> [DailySeries] {
        struct Key: Hashable {
            var user: Int32
            var scope: Int32  // -1 is `all`
        }
        let included = wanted.map(includedUsers)
        var series: [Key: [LocalDay: UsageCounts]] = [:]
        forEachCell { key, counts in
            if let included, !(included.indices.contains(Int(key.user)) && included[Int(key.user)]) { return }
            series[Key(user: key.user, scope: key.scope), default: [:]][key.day, default: UsageCounts()].merge(counts)
            series[Key(user: key.user, scope: -1), default: [:]][key.day, default: UsageCounts()].merge(counts)
        }
        // Each user's place in name order (the byte order `userRanks` keeps), so that
        // ordering the series compares integers.
        let rank = userRanks
        let ordered = series.keys.sorted { left, right in
            if left.user != right.user { return rank[Int(left.user)] < rank[Int(right.user)] }
            return left.scope < right.scope
        }
        return ordered.map { key in
            let scope = key.scope < 0 ? AuditConfiguration.allScope
                : (Int(key.scope) < scopeNames.count ? scopeNames[Int(key.scope)] : AuditConfiguration.otherScope)
            return DailySeries(user: userName(key.user), scope: scope, counts: series[key]!)
        }
    }

    /// Per user id, whether the user's name is in `wanted` (as `String`s compare: by
    /// canonical equivalence, `K` and the Kelvin sign `K` alike). Where both names are ASCII
    /// the bytes alone decide, so ASCII names are looked up instead of spelled for every
    /// user (a few wanted of many users); other users are compared by their spelling.
    private func includedUsers(_ wanted: Set<String>) -> [Bool] {
        guard wanted.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else {
            return (0..<users.count).map { wanted.contains(userName(Int32($0))) }
        }
        var included = [Bool](repeating: false, count: users.count)
        for name in wanted {
            if let id = users.lookup(name) { included[Int(id)] = true }
        }
        for id in included.indices where !included[id] && !users.withBytes(of: Int32(id), { $0.allSatisfy { $0 < 0x80 } }) {
            included[id] = wanted.contains(userName(Int32(id)))
        }
        return included
    }
}
