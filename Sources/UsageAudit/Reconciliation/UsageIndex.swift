/// Recomputed usage arranged for the reconciler's questions: for each user and report
/// scope (every configured scope, `other`, and `all` as their sum), the days with use in
/// order, so that the counts of any range of days are a binary search and a short walk.
struct UsageIndex {
    /// The days of one user in one scope, sorted, with their counts: views of the index's
    /// shared arrays (no allocation per series).
    struct Series {
        var days: SeriesColumn<LocalDay>
        var counts: SeriesCounts

        /// The counts of the days in `range`.
        func counts(in range: DayRange) -> UsageCounts {
            var total = UsageCounts()
            var index = firstIndex(atOrAfter: range.start)
            while index < days.count, days[index] < range.end {
                total.merge(counts[index])
                index += 1
            }
            return total
        }

        /// The index of the first day at or after `day`.
        func firstIndex(atOrAfter day: LocalDay) -> Int {
            days.partitioningIndex { $0 >= day }
        }
    }

    /// The aggregate's user names (a user's id is its position in the series table).
    private var userIDs = ByteInterner()
    /// Report scope names in name order; a series' scope is its position here.
    private var scopeNames: [String] = []
    /// Per user id × scope position, the index of its series in `allSeries`, or -1.
    private var seriesIndex: [Int32] = []
    /// Every series' days, one after another; `ranges[i]` is series `i`'s part.
    private var allDays: [LocalDay] = []
    /// The counts of a series are the aggregate's own (`cellCounts`), found through the
    /// positions of its cells in `cellPositions` (4 bytes a cell instead of a copy of 40: a
    /// store's history holds millions of cells). A series of one cell a day (a scope's)
    /// has a position a day; one of several cells a day (`all`) has its days' first
    /// positions in `dayStarts`, and a day's counts are summed when read (sums kept a copy
    /// of 40 bytes a day: without them, a night after half a year of 24,000 users peaked
    /// 34–41 MB lower).
    private var cellCounts: [UsageCounts] = []
    private var cellPositions: [Int32] = []
    private var dayStarts: [Int32] = []
    /// Series `i`: its days start at `start` in `allDays`; its counts at `countsStart` in
    /// `cellPositions` when `isCellSeries`, else in `dayStarts` (`count + 1` entries, the
    /// last where the series' positions end).
    private var ranges: [(start: Int32, count: Int32, countsStart: Int32, isCellSeries: Bool)] = []
    /// User ids in name order (bytes).
    private var orderedUsers: [Int32] = []
    /// The user looked up last: the reconciler asks about one user many times in a row
    /// (each bucket, scope and day of a check), with the same name each time.
    private let lastUser = LastUser()

    /// A name and its id (`id` is -1 before the first lookup). One reconciler thread asks
    /// an index: not shared across threads.
    private final class LastUser {
        var name = ""
        var id: Int32 = -1
    }

    /// - Parameter scopeNames: the configuration's `scopeNames` (cell scope index → name);
    ///   a cell whose index is out of range is counted as `other`.
    init(aggregate: UsageAggregate, scopeNames configured: [String]) {
        func scopeName(_ index: Int32) -> String {
            configured.indices.contains(Int(index)) ? configured[Int(index)] : AuditConfiguration.otherScope
        }
        // Report scopes in name order: `all` and each cell scope's name.
        scopeNames = Set(configured + [AuditConfiguration.otherScope, AuditConfiguration.allScope])
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let allPosition = scopeNames.firstIndex(of: AuditConfiguration.allScope)!
        let scopeCount = scopeNames.count
        // The position in `scopeNames` of each configured scope index, and of any other.
        let positionOfScope = configured.indices.map { scopeNames.firstIndex(of: scopeName(Int32($0)))! }
        let otherPosition = scopeNames.firstIndex(of: AuditConfiguration.otherScope)!
        userIDs = aggregate.users
        let keys = aggregate.cellKeys
        let cellCounts = aggregate.cellCounts
        self.cellCounts = cellCounts
        seriesIndex = [Int32](repeating: -1, count: userIDs.count * scopeCount)
        guard !keys.isEmpty else { return }
        let rank = aggregate.userRanks
        // Room for every series at once (growing them copied half a year of days over and
        // over): a cell is a day of its scope's series and of `all`'s, whose days are at
        // most the runs of one user's day in the cells' order.
        var dayRuns = 1
        for index in keys.indices.dropFirst() where keys[index].user != keys[index - 1].user || keys[index].day != keys[index - 1].day {
            dayRuns += 1
        }
        allDays.reserveCapacity(keys.count + dayRuns)
        // Each cell is in its scope's series and in `all`'s. Summed series are mostly `all`'s:
        // a day start per day run and an end per user (a hint: more summed series grow it).
        cellPositions.reserveCapacity(2 * keys.count)
        dayStarts.reserveCapacity(dayRuns + userIDs.count)
        orderedUsers.reserveCapacity(userIDs.count)
        // Cells grouped by user in name order.
        let groups = RankGrouping(count: keys.count, ranks: rank.count) { Int(rank[Int(keys[$0].user)]) }
        var userCells: [Int32] = []
        var byScope = [[Int32]](repeating: [], count: scopeCount)
        for position in 0..<groups.rankCount {
            let group = groups.items(ofRank: position)
            guard let first = group.first else { continue }
            userCells.removeAll(keepingCapacity: true)
            userCells.append(contentsOf: group)
            userCells.sort { keys[Int($0)].day < keys[Int($1)].day }
            let id = keys[Int(first)].user
            orderedUsers.append(id)
            for index in byScope.indices { byScope[index].removeAll(keepingCapacity: true) }
            for cell in userCells {
                let scope = Int(keys[Int(cell)].scope)
                let scopePosition = positionOfScope.indices.contains(scope) ? positionOfScope[scope] : otherPosition
                byScope[scopePosition].append(cell)
                byScope[allPosition].append(cell)
            }
            for scopePosition in 0..<scopeCount where !byScope[scopePosition].isEmpty {
                let cells = byScope[scopePosition]
                let start = allDays.count
                // One cell a day (every scope but `all`, unless two cell scopes are counted as
                // one): a position a day. Else each day's cells, summed when read.
                let isCellSeries = !zip(cells, cells.dropFirst()).contains { keys[Int($0)].day == keys[Int($1)].day }
                let countsStart = isCellSeries ? cellPositions.count : dayStarts.count
                for cell in cells {
                    let day = keys[Int(cell)].day
                    if isCellSeries || allDays.count == start || allDays[allDays.count - 1] != day {
                        allDays.append(day)
                        if !isCellSeries { dayStarts.append(Int32(cellPositions.count)) }
                    }
                    cellPositions.append(cell)
                }
                if !isCellSeries { dayStarts.append(Int32(cellPositions.count)) }
                seriesIndex[Int(id) * scopeCount + scopePosition] = Int32(ranges.count)
                ranges.append((Int32(start), Int32(allDays.count - start), Int32(countsStart), isCellSeries))
            }
        }
    }

    /// The days of `user` in `scope`, if there are any.
    func series(user: String, scope: String) -> Series? {
        guard let id = userID(user), let scopePosition = scopeNames.firstIndex(of: scope) else { return nil }
        let index = seriesIndex[Int(id) * scopeNames.count + scopePosition]
        guard index >= 0 else { return nil }
        return series(at: Int(index))
    }

    /// Series `index` (of `ranges`).
    private func series(at index: Int) -> Series {
        let (start, count, countsStart, isCellSeries) = ranges[index]
        return Series(
            days: SeriesColumn(allDays, start: Int(start), count: Int(count)),
            counts: isCellSeries
                ? SeriesCounts(cellCounts, positions: cellPositions, start: Int(countsStart), count: Int(count))
                : SeriesCounts(cellCounts, positions: cellPositions, dayStarts: dayStarts, start: Int(countsStart), count: Int(count)))
    }

    /// The id of `user`, if it made any request.
    private func userID(_ user: String) -> Int32? {
        // By bytes, as the interner matches: `==` would take the Kelvin sign for K.
        if lastUser.id >= 0, lastUser.name.hasSameBytes(as: user) { return lastUser.id }
        guard let id = userIDs.lookup(user) else { return nil }
        lastUser.name = user
        lastUser.id = id
        return id
    }

    /// Calls `body` with each user with use of `scope`, in a deterministic order (by the
    /// bytes of the users' names), and the series that `series(user:scope:)` gives for the
    /// name: a name's own, found without a lookup. A name whose bytes are not UTF-8 reads
    /// back repaired, and a lookup of the repaired name finds another user's series or none:
    /// that is kept, as the reconciler always asked by name.
    @inline(__always)
    func forEachUser(using scope: String, _ body: (String, Series) throws -> Void) rethrows {
        guard let scopePosition = scopeNames.firstIndex(of: scope) else { return }
        let stride = scopeNames.count
        for id in orderedUsers {
            guard seriesIndex[Int(id) * stride + scopePosition] >= 0 else { continue }
            let name = userIDs.string(for: id)
            var owner = id
            var copy = name
            let intact = userIDs.withBytes(of: id) { bytes in copy.withUTF8 { $0.hasSameBytes(as: bytes) } }
            if !intact {
                guard let other = userIDs.lookup(name) else { continue }
                owner = other
            }
            let index = seriesIndex[Int(owner) * stride + scopePosition]
            guard index >= 0 else { continue }
            try body(name, series(at: Int(index)))
        }
    }

    /// Whether `user` made any request (counted or refused) in any scope.
    func hasTraffic(user: String) -> Bool {
        userID(user) != nil
    }

    /// The counts of `user` in `scope` over the days of `range`.
    func counts(user: String, scope: String, in range: DayRange) -> UsageCounts {
        series(user: user, scope: scope)?.counts(in: range) ?? UsageCounts()
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
}
