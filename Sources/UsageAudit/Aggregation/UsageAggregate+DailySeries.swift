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
        let included: [Bool]? = wanted.map { wanted in (0..<users.count).map { wanted.contains(userName(Int32($0))) } }
        var series: [Key: [LocalDay: UsageCounts]] = [:]
        forEachCell { key, counts in
            if let included, !(included.indices.contains(Int(key.user)) && included[Int(key.user)]) { return }
            series[Key(user: key.user, scope: key.scope), default: [:]][key.day, default: UsageCounts()].merge(counts)
            series[Key(user: key.user, scope: -1), default: [:]][key.day, default: UsageCounts()].merge(counts)
        }
        let names = (0..<users.count).map { userName(Int32($0)) }
        // Each user's place in name order, so that ordering the series compares integers.
        var rank = [Int](repeating: 0, count: names.count)
        for (place, user) in names.indices.sorted(by: { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }).enumerated() {
            rank[user] = place
        }
        let ordered = series.keys.sorted { left, right in
            if left.user != right.user { return rank[Int(left.user)] < rank[Int(right.user)] }
            return left.scope < right.scope
        }
        return ordered.map { key in
            let scope = key.scope < 0 ? AuditConfiguration.allScope
                : (Int(key.scope) < scopeNames.count ? scopeNames[Int(key.scope)] : AuditConfiguration.otherScope)
            return DailySeries(user: names[Int(key.user)], scope: scope, counts: series[key]!)
        }
    }
}
