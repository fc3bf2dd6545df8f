/// Rolls daily usage cells up into the buckets of every reported period, for every scope
/// and for `all`, in a deterministic order.
public struct PeriodRollup {
    private struct RowKey: Hashable {
        var user: Int32
        var scope: Int
        var period: Int
        var start: LocalDay
    }

    private let configuration: AuditConfiguration
    /// Report scope names: `all`, then the configured scopes, then `other`.
    private let scopeNames: [String]
    private let periodsByScope: [[Period]]

    public init(configuration: AuditConfiguration) {
        self.configuration = configuration
        scopeNames = [AuditConfiguration.allScope] + configuration.scopeNames
        periodsByScope = scopeNames.map { configuration.periods(forScope: $0) }
    }

    /// The rows of `aggregate`, restricted to buckets for which `includes` is true, sorted by
    /// user, scope (`all` first, then configuration order), period (configuration order) and
    /// bucket start.
    public func rows(of aggregate: UsageAggregate, includes: (Period, DayRange) -> Bool = { _, _ in true }) -> [UsageRow] {
        var buckets: [RowKey: (DayRange, UsageCounts)] = [:]
        for (key, counts) in aggregate.cells {
            // Report scope index: 0 is `all`, the cell's own scope is shifted by one.
            for scope in [0, Int(key.scope) + 1] {
                for (periodIndex, period) in periodsByScope[scope].enumerated() {
                    let range = period.bucket(containing: key.day)
                    let rowKey = RowKey(user: key.user, scope: scope, period: periodIndex, start: range.start)
                    if let existing = buckets[rowKey] {
                        buckets[rowKey] = (range, existing.1.merging(counts))
                    } else {
                        buckets[rowKey] = (range, counts)
                    }
                }
            }
        }
        var names: [Int32: String] = [:]
        let sortedKeys = buckets.keys.sorted { left, right in
            if left.user != right.user {
                let leftName = names[left.user] ?? aggregate.userName(left.user)
                let rightName = names[right.user] ?? aggregate.userName(right.user)
                names[left.user] = leftName
                names[right.user] = rightName
                if leftName != rightName { return leftName.utf8.lexicographicallyPrecedes(rightName.utf8) }
            }
            return (left.scope, left.period, left.start.number) < (right.scope, right.period, right.start.number)
        }
        var rows: [UsageRow] = []
        rows.reserveCapacity(sortedKeys.count)
        for key in sortedKeys {
            let (range, counts) = buckets[key]!
            let period = periodsByScope[key.scope][key.period]
            guard includes(period, range) else { continue }
            rows.append(UsageRow(
                user: names[key.user] ?? aggregate.userName(key.user),
                scope: scopeNames[key.scope], period: period, bucket: range, counts: counts))
        }
        return rows
    }
}
