/// The order in which reports list rows about users: user (by UTF-8 bytes), scope (`all`,
/// the configured scopes, `other`, then unknown scopes by name), period (the configuration's
/// order for the scope, then by name). Each report breaks the remaining ties itself.
struct ReportOrder {
    private var scopeRanks: [String: Int] = [AuditConfiguration.allScope: 0]
    private var periodRanks: [String: [String: Int]] = [:]

    /// A scope and a period name, ranked together (the period's rank applies within its scope).
    private struct ScopePeriod: Hashable {
        var scope: String
        var period: String
    }

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

    /// `rows` in report order: by user, scope and period as described above, ties
    /// broken by `tieBreak` (a strict order of the rows' other fields). Each distinct user
    /// and scope-and-period is ranked once, so sorting compares integers, not strings and
    /// dictionary lookups, per pair.
    func sorted<Row>(
        _ rows: [Row], by key: (Row) -> (user: String, scope: String, period: Period), thenBy tieBreak: (Row, Row) -> Bool
    ) -> [Row] {
        let keys = rows.map { row in
            let key = key(row)
            return (user: key.user, scope: key.scope, period: key.period.name)
        }
        let userRank = Self.ranks(of: Set(keys.map(\.user))) { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let scopeRank = Self.ranks(of: Set(keys.map(\.scope))) { left, right in
            let (a, b) = (scopeRanks[left] ?? .max, scopeRanks[right] ?? .max)
            return a != b ? a < b : left.utf8.lexicographicallyPrecedes(right.utf8)
        }
        let pairRank = Self.ranks(of: Set(keys.map { ScopePeriod(scope: $0.scope, period: $0.period) })) { left, right in
            if left.scope != right.scope { return scopeRank[left.scope]! < scopeRank[right.scope]! }
            let (a, b) = (periodRanks[left.scope]?[left.period] ?? .max, periodRanks[right.scope]?[right.period] ?? .max)
            return a != b ? a < b : left.period.utf8.lexicographicallyPrecedes(right.period.utf8)
        }
        let ranked = keys.map { (userRank[$0.user]!, pairRank[ScopePeriod(scope: $0.scope, period: $0.period)]!) }
        return rows.indices.sorted { left, right in
            let (a, b) = (ranked[left], ranked[right])
            return a != b ? a < b : tieBreak(rows[left], rows[right])
        }.map { rows[$0] }
    }

    /// The rank of each of `values` in the order `precedes`.
    private static func ranks<Value: Hashable>(of values: Set<Value>, _ precedes: (Value, Value) -> Bool) -> [Value: Int] {
        Dictionary(uniqueKeysWithValues: values.sorted(by: precedes).enumerated().map { ($1, $0) })
    }

    /// Whether `left` comes first by UTF-8 bytes; nil when they are equal.
    static func precedes(_ left: String, _ right: String) -> Bool? {
        left == right ? nil : left.utf8.lexicographicallyPrecedes(right.utf8)
    }
}
