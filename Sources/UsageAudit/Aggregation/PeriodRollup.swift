/// Rolls daily usage cells up into the buckets of every reported period, for every scope
/// and for `all`, in a deterministic order.
///
/// Works user by user over the cells sorted by day, so a bucket is a run of consecutive
/// days: no table of buckets, and one `String` per user shared by all of its rows.
public struct PeriodRollup {
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
        var rows: [UsageRow] = []
        forEachRow(of: aggregate, includes: includes) { rows.append($0) }
        return rows
    }

    /// Calls `body` with each row of `rows(of:includes:)`, in the same order, without
    /// keeping them.
    /// - Parameters:
    ///   - periods: a user's periods in a scope from the scope's quota periods (a profile's
    ///     billing cycle for a quota of calendar months: `LimitResolver`'s
    ///     `periods(user:scope:quotaPeriods:)`), nil for the quota periods themselves.
    ///   - firstDay: a day no included bucket ends before (`ReportWindow.firstDay`): the
    ///     cells of a period's buckets before the one that holds it are not read, so that
    ///     months of stored history cost nothing here. Nil reads every cell.
    public func forEachRow(
        of aggregate: UsageAggregate, includes: (Period, DayRange) -> Bool = { _, _ in true },
        periods: ((_ user: String, _ scope: String, _ quotaPeriods: [Period]) -> [Period])? = nil,
        from firstDay: LocalDay? = nil,
        _ body: (UsageRow) throws -> Void
    ) rethrows {
        let keys = aggregate.cellKeys
        let counts = aggregate.cellCounts
        guard !keys.isEmpty else { return }
        // Cells grouped by user in name order (a counting sort by rank), then by day.
        let rank = aggregate.userRanks
        let groups = RankGrouping(count: keys.count, ranks: rank.count) { Int(rank[Int(keys[$0].user)]) }
        var userCells: [Int32] = []
        var scopeCells: [Int32] = []
        var userPeriods: [[Period]] = []
        // The first day any included bucket of the quota periods can start on.
        let quotaStart = firstDay.map { Self.earliestStart(of: periodsByScope, holding: $0) }
        for position in 0..<groups.rankCount {
            let group = groups.items(ofRank: position)
            guard let any = group.first else { continue }
            let user = aggregate.userName(keys[Int(any)].user)
            userPeriods.removeAll(keepingCapacity: true)
            for scope in scopeNames.indices {
                userPeriods.append(periods.map { $0(user, scopeNames[scope], periodsByScope[scope]) } ?? periodsByScope[scope])
            }
            // Cells before it are in no included bucket: left out before sorting.
            let userStart = periods == nil ? quotaStart : firstDay.map { Self.earliestStart(of: userPeriods, holding: $0) }
            userCells.removeAll(keepingCapacity: true)
            if let userStart {
                for cell in group where keys[Int(cell)].day >= userStart { userCells.append(cell) }
                guard !userCells.isEmpty else { continue }
            } else {
                userCells.append(contentsOf: group)
            }
            userCells.sort { keys[Int($0)].day < keys[Int($1)].day }
            for scope in scopeNames.indices {
                let cells: [Int32]
                if scope == 0 {
                    cells = userCells
                } else {
                    scopeCells.removeAll(keepingCapacity: true)
                    for cell in userCells where Int(keys[Int(cell)].scope) + 1 == scope { scopeCells.append(cell) }
                    guard !scopeCells.isEmpty else { continue }
                    cells = scopeCells
                }
                for period in userPeriods[scope] {
                    var range: DayRange?
                    var total = UsageCounts()
                    // A period's buckets partition the days: the one that holds firstDay is
                    // the first that can be included.
                    let first = firstDay.map { period.bucket(containing: $0).start }
                    let start = first.map { first in cells.partitioningIndex { keys[Int($0)].day >= first } } ?? cells.startIndex
                    for cell in cells[start...] {
                        let day = keys[Int(cell)].day
                        if let current = range, current.contains(day) {
                            total.merge(counts[Int(cell)])
                            continue
                        }
                        if let current = range, includes(period, current) {
                            try body(UsageRow(user: user, scope: scopeNames[scope], period: period, bucket: current, counts: total))
                        }
                        range = period.bucket(containing: day)
                        total = counts[Int(cell)]
                    }
                    if let current = range, includes(period, current) {
                        try body(UsageRow(user: user, scope: scopeNames[scope], period: period, bucket: current, counts: total))
                    }
                }
            }
        }
    }

    /// The first day of the earliest bucket, among `periods`, that holds `day`.
    private static func earliestStart(of periods: [[Period]], holding day: LocalDay) -> LocalDay {
        periods.joined().lazy.map { $0.bucket(containing: day).start }.min() ?? day
    }
}
