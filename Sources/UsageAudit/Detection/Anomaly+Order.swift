extension Anomaly {
    /// `anomalies` in report order: user (by UTF-8 bytes), scope (`all`, the configured
    /// scopes, `other`, then unknown scopes by name), period (the configuration's order for
    /// the scope, then by name), bucket start, kind (`AnomalyKind` order), then the other
    /// fields — a total order, so equal inputs give byte-identical reports.
    public static func sorted(_ anomalies: [Anomaly], configuration: AuditConfiguration) -> [Anomaly] {
        var scopeRanks: [String: Int] = [AuditConfiguration.allScope: 0]
        for (position, name) in configuration.scopeNames.enumerated() where scopeRanks[name] == nil {
            scopeRanks[name] = position + 1
        }
        var periodRanks: [String: [String: Int]] = [:]
        for scope in scopeRanks.keys {
            var ranks: [String: Int] = [:]
            for (position, period) in configuration.periods(forScope: scope).enumerated() where ranks[period.name] == nil {
                ranks[period.name] = position
            }
            periodRanks[scope] = ranks
        }
        func precedes(_ left: String, _ right: String) -> Bool? {
            left == right ? nil : left.utf8.lexicographicallyPrecedes(right.utf8)
        }
        func precedes(_ left: Double?, _ right: Double?) -> Bool? {
            let (a, b) = (left ?? -.infinity, right ?? -.infinity)
            return a == b ? nil : a < b
        }
        return anomalies.sorted { left, right in
            if let order = precedes(left.user, right.user) { return order }
            let leftScope = scopeRanks[left.scope] ?? .max
            let rightScope = scopeRanks[right.scope] ?? .max
            if leftScope != rightScope { return leftScope < rightScope }
            if let order = precedes(left.scope, right.scope) { return order }
            let leftPeriod = periodRanks[left.scope]?[left.period.name] ?? .max
            let rightPeriod = periodRanks[right.scope]?[right.period.name] ?? .max
            if leftPeriod != rightPeriod { return leftPeriod < rightPeriod }
            if let order = precedes(left.period.name, right.period.name) { return order }
            if left.bucket.start != right.bucket.start { return left.bucket.start < right.bucket.start }
            if left.kind != right.kind { return left.kind < right.kind }
            if left.bucket.end != right.bucket.end { return left.bucket.end < right.bucket.end }
            if left.observed != right.observed { return left.observed < right.observed }
            if let order = precedes(left.baseline, right.baseline) { return order }
            if left.limit != right.limit { return (left.limit ?? .min) < (right.limit ?? .min) }
            if let order = precedes(left.score, right.score) { return order }
            return left.detail.utf8.lexicographicallyPrecedes(right.detail.utf8)
        }
    }
}
