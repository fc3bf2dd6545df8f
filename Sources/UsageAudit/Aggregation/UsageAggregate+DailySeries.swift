extension UsageAggregate {
    /// The daily series of every user for every scope with use and for `all`, sorted by
    /// user name (UTF-8 order), then `all`, then scopes in configuration order.
    /// - Parameter scopeNames: `AuditConfiguration.scopeNames` (cell scope indexes point into it).
    public func dailySeries(scopeNames: [String]) -> [DailySeries] {
        struct Key: Hashable {
            var user: Int32
            var scope: Int32  // -1 is `all`
        }
        var series: [Key: [LocalDay: UsageCounts]] = [:]
        forEachCell { key, counts in
            series[Key(user: key.user, scope: key.scope), default: [:]][key.day, default: UsageCounts()].merge(counts)
            series[Key(user: key.user, scope: -1), default: [:]][key.day, default: UsageCounts()].merge(counts)
        }
        let names = (0..<users.count).map { userName(Int32($0)) }
        let ordered = series.keys.sorted { left, right in
            if left.user != right.user {
                return names[Int(left.user)].utf8.lexicographicallyPrecedes(names[Int(right.user)].utf8)
            }
            return left.scope < right.scope
        }
        return ordered.map { key in
            let scope = key.scope < 0 ? AuditConfiguration.allScope
                : (Int(key.scope) < scopeNames.count ? scopeNames[Int(key.scope)] : AuditConfiguration.otherScope)
            return DailySeries(user: names[Int(key.user)], scope: scope, counts: series[key]!)
        }
    }
}
