/// The order in which reports list rows about users: user (by UTF-8 bytes), scope (`all`,
/// the configured scopes, `other`, then unknown scopes by name), period (the configuration's
/// order for the scope, then by name). Each report breaks the remaining ties itself.
struct ReportOrder {
    private var scopeRanks: [String: Int] = [AuditConfiguration.allScope: 0]
    private var periodRanks: [String: [String: Int]] = [:]

    init(configuration: AuditConfiguration) {
        for (position, name) in configuration.scopeNames.enumerated() where scopeRanks[name] == nil {
            scopeRanks[name] = position + 1
        }
        for scope in scopeRanks.keys {
            var ranks: [String: Int] = [:]
            for (position, period) in configuration.periods(forScope: scope).enumerated() where ranks[period.name] == nil {
                ranks[period.name] = position
            }
            periodRanks[scope] = ranks
        }
    }

    /// Whether the row of `left` comes first by user, scope and period; nil when they tie.
    func precedes(
        _ left: (user: String, scope: String, period: Period), _ right: (user: String, scope: String, period: Period)
    ) -> Bool? {
        if let order = Self.precedes(left.user, right.user) { return order }
        let leftScope = scopeRanks[left.scope] ?? .max
        let rightScope = scopeRanks[right.scope] ?? .max
        if leftScope != rightScope { return leftScope < rightScope }
        if let order = Self.precedes(left.scope, right.scope) { return order }
        let leftPeriod = periodRanks[left.scope]?[left.period.name] ?? .max
        let rightPeriod = periodRanks[right.scope]?[right.period.name] ?? .max
        if leftPeriod != rightPeriod { return leftPeriod < rightPeriod }
        return Self.precedes(left.period.name, right.period.name)
    }

    /// Whether `left` comes first by UTF-8 bytes; nil when they are equal.
    static func precedes(_ left: String, _ right: String) -> Bool? {
        left == right ? nil : left.utf8.lexicographicallyPrecedes(right.utf8)
    }
}
