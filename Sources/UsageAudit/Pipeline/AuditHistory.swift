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
        var daily = UsageAggregate()
        var unknown: Set<String> = []
        for cell in history.cells {
            guard let scope = scopeIndex[cell.scope] else {
                unknown.insert(cell.scope)
                continue
            }
            daily.add(cell.counts, user: cell.user, scope: scope, day: cell.day)
        }
        daily.merge(fresh.aggregate)
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
        let touched = Set(fresh.cells.keys.map { UsageCellName(user: fresh.userName($0.user), scope: Int($0.scope), day: $0.day) })
        var cells: [StoredCell] = []
        cells.reserveCapacity(touched.count)
        for (key, counts) in combined.cells {
            let name = UsageCellName(user: combined.userName(key.user), scope: Int(key.scope), day: key.day)
            guard touched.contains(name) else { continue }
            cells.append(StoredCell(user: name.user, scope: scopeNames[name.scope], day: key.day, counts: counts))
        }
        cells.sort { ($0.user, $0.scope, $0.day) < ($1.user, $1.scope, $1.day) }
        return StateUpdate(inputs: inputs, cells: cells, slots: hourly.storedSlots(scopeNames: scopeNames), run: run)
    }
}
