/// Recomputed usage arranged for the reconciler's questions: for each user and report
/// scope (every configured scope, `other`, and `all` as their sum), the days with use in
/// order, so that the counts of any range of days are a binary search and a short walk.
struct UsageIndex {
    /// The days of one user in one scope, sorted, with their counts.
    struct Series {
        var days: [LocalDay] = []
        var counts: [UsageCounts] = []

        /// The index of the first day at or after `day`.
        func firstIndex(atOrAfter day: LocalDay) -> Int {
            var low = 0
            var high = days.count
            while low < high {
                let middle = (low + high) / 2
                if days[middle] < day { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    private struct Key: Hashable {
        var user: String
        var scope: String
    }

    private var series: [Key: Series] = [:]
    /// Every user with at least one cell (a request or a refusal) in any scope.
    private(set) var users: Set<String> = []
    /// `(user, scope)` pairs in a deterministic order: user bytes, then scope name bytes.
    private(set) var pairs: [(user: String, scope: String)] = []

    /// - Parameter scopeNames: the configuration's `scopeNames` (cell scope index → name);
    ///   a cell whose index is out of range is counted as `other`.
    init(aggregate: UsageAggregate, scopeNames: [String]) {
        var names: [Int32: String] = [:]
        var byDay: [Key: [LocalDay: UsageCounts]] = [:]
        for (key, counts) in aggregate.cells {
            let user: String
            if let known = names[key.user] {
                user = known
            } else {
                user = aggregate.userName(key.user)
                names[key.user] = user
            }
            let index = Int(key.scope)
            let scope = scopeNames.indices.contains(index) ? scopeNames[index] : AuditConfiguration.otherScope
            users.insert(user)
            for name in [scope, AuditConfiguration.allScope] {
                byDay[Key(user: user, scope: name), default: [:]][key.day, default: UsageCounts()].merge(counts)
            }
        }
        for (key, days) in byDay {
            var entry = Series()
            for day in days.keys.sorted() {
                entry.days.append(day)
                entry.counts.append(days[day]!)
            }
            series[key] = entry
        }
        pairs = byDay.keys.map { ($0.user, $0.scope) }.sorted { left, right in
            if left.0 != right.0 { return left.0.utf8.lexicographicallyPrecedes(right.0.utf8) }
            return left.1.utf8.lexicographicallyPrecedes(right.1.utf8)
        }
    }

    /// The days of `user` in `scope`, if there are any.
    func series(user: String, scope: String) -> Series? {
        series[Key(user: user, scope: scope)]
    }

    /// The counts of `user` in `scope` over the days of `range`.
    func counts(user: String, scope: String, in range: DayRange) -> UsageCounts {
        var total = UsageCounts()
        guard let entry = series(user: user, scope: scope) else { return total }
        var index = entry.firstIndex(atOrAfter: range.start)
        while index < entry.days.count, entry.days[index] < range.end {
            total.merge(entry.counts[index])
            index += 1
        }
        return total
    }

    /// The counts of `user` in `scope` on `day` alone.
    func counts(user: String, scope: String, on day: LocalDay) -> UsageCounts {
        counts(user: user, scope: scope, in: DayRange(start: day, end: day.clampedAdding(days: 1)))
    }

    /// The last day before `day` on which `user` consumed units in `scope`.
    func lastDayWithUnits(user: String, scope: String, before day: LocalDay) -> LocalDay? {
        guard let entry = series(user: user, scope: scope) else { return nil }
        var index = entry.firstIndex(atOrAfter: day) - 1
        while index >= 0 {
            if entry.counts[index].units > 0 { return entry.days[index] }
            index -= 1
        }
        return nil
    }

    /// Whether `user` made any request (counted or refused) in any scope.
    func hasTraffic(user: String) -> Bool {
        users.contains(user)
    }
}
