extension ReconciliationFinding {
    /// `findings` in report order: user (by bytes), scope (`all`, the configured scopes,
    /// `other`, then unknown scopes by name), period (the configuration's order for the
    /// scope, then by name), bucket start, kind (`FindingKind` order), field, detail, then
    /// the numbers — a total order, so equal inputs give byte-identical reports.
    public static func sorted(_ findings: [ReconciliationFinding], configuration: AuditConfiguration) -> [ReconciliationFinding] {
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
        return findings.sorted { left, right in
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
            if let order = precedes(left.field, right.field) { return order }
            if let order = precedes(left.detail, right.detail) { return order }
            if left.stored != right.stored { return (left.stored ?? .min) < (right.stored ?? .min) }
            if left.recomputed != right.recomputed { return (left.recomputed ?? .min) < (right.recomputed ?? .min) }
            if left.bucket.end != right.bucket.end { return left.bucket.end < right.bucket.end }
            return left.origin.utf8.lexicographicallyPrecedes(right.origin.utf8)
        }
    }
}
