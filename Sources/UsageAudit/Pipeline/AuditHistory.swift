import Logging

/// Joins what the state store remembers with what this run counted: the usage every report
/// reads, and the update the store receives.
struct AuditHistory {
    let scopeNames: [String]
    private let scopeIndex: [String: Int]

    init(configuration: AuditConfiguration) {
        scopeNames = configuration.scopeNames
        scopeIndex = Dictionary(scopeNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// History plus this run's usage. Stored use of scopes the configuration no longer names
    /// is left out (said once on the log): folding it into `other` would store it twice.
    func combine(_ history: StoredHistory, with fresh: CountResult, hourly template: HourlyUsage, logger: Logger) -> (UsageAggregate, HourlyUsage) {
        // This run's cells first: they keep their ids, and an empty history costs nothing.
        var daily = fresh.aggregate
        var unknown: Set<String> = []
        for cell in history.cells {
            guard let scope = scopeIndex[cell.scope] else {
                unknown.insert(cell.scope)
                continue
            }
            daily.add(cell.counts, user: cell.user, scope: scope, day: cell.day)
        }
        var hourly = template
        for slot in history.slots {
            if let scope = scopeIndex[slot.scope] { hourly.restore(slot, scope: scope) }
        }
        hourly.merge(fresh.hourly)
        if !unknown.isEmpty {
            logger.warning("the state store holds use of scopes the configuration no longer names (\(unknown.sorted().joined(separator: ", "))): left out of the reports; add the [[scope]] back to see it")
        }
        return (daily, hourly)
    }

    /// The store's update: the new totals of every cell this run added to, every complete
    /// hourly slot, and the inputs counted.
    func update(fresh: UsageAggregate, combined: UsageAggregate, hourly: HourlyUsage, inputs: [CountedInput], run: RunRecord) -> StateUpdate {
        StateUpdate(inputs: inputs, cells: storedCells(touchedBy: fresh, in: combined), slots: hourly.storedSlots(scopeNames: scopeNames), run: run)
    }

    /// The cells of `combined` that `fresh` has, with their combined counts, sorted by user
    /// name, scope name and day (users and scopes ranked once, not compared as strings).
    private func storedCells(touchedBy fresh: UsageAggregate, in combined: UsageAggregate) -> [StoredCell] {
        let userMap = (0..<Int32(fresh.users.count)).map { id in
            fresh.users.withBytes(of: id) { combined.users.lookup($0) } ?? -1
        }
        let userRank = fresh.users.ranksByBytes()
        let scopeRank = Dictionary(uniqueKeysWithValues: scopeNames.indices.sorted {
            scopeNames[$0].utf8.lexicographicallyPrecedes(scopeNames[$1].utf8)
        }.enumerated().map { ($1, $0) })
        let keys = fresh.cellKeys
        let groups = RankGrouping(count: keys.count, ranks: userRank.count) { Int(userRank[Int(keys[$0].user)]) }
        var cells: [StoredCell] = []
        cells.reserveCapacity(keys.count)
        var userCells: [Int32] = []
        for position in 0..<groups.rankCount {
            let group = groups.items(ofRank: position)
            guard let first = group.first else { continue }
            userCells.removeAll(keepingCapacity: true)
            userCells.append(contentsOf: group)
            userCells.sort { left, right in
                let a = keys[Int(left)]
                let b = keys[Int(right)]
                return (scopeRank[Int(a.scope)] ?? Int(a.scope), a.day.number) < (scopeRank[Int(b.scope)] ?? Int(b.scope), b.day.number)
            }
            let user = fresh.userName(keys[Int(first)].user)
            let combinedUser = userMap[Int(keys[Int(first)].user)]
            for index in userCells {
                let key = keys[Int(index)]
                guard combinedUser >= 0,
                      let counts = combined.counts(for: UsageKey(user: combinedUser, scope: key.scope, day: key.day))
                else { continue }
                cells.append(StoredCell(user: user, scope: scopeNames[Int(key.scope)], day: key.day, counts: counts))
            }
        }
        return cells
    }
}
