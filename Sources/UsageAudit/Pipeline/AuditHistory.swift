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
    func combine(_ history: inout StoredHistory, with fresh: CountResult, hourly template: HourlyUsage, logger: Logger) -> (UsageAggregate, HourlyUsage) {
        let storedScopes = history.scopeNames.map { scopeIndex[$0] }
        let unknown = Set(zip(history.scopeNames, storedScopes).filter { $0.1 == nil }.map(\.0))
        // An empty history costs nothing: this run's cells as they are.
        let daily = history.takeUsage(renumberingScopes: storedScopes, adding: fresh.aggregate) ?? fresh.aggregate
        var hourly = template
        var storedLatest: Int64?
        for slot in history.slots {
            guard let scope = scopeIndex[slot.scope] else { continue }
            hourly.restore(slot, scope: scope)
            storedLatest = max(storedLatest ?? slot.counts.lastSeen, slot.counts.lastSeen)
        }
        hourly.merge(fresh.hourly)
        // The store kept the hours of the kept span before its latest request (the run that
        // stored them covered at least those): before them, zeros would be guesses. Not its
        // first slot, which is wherever some user happened to be active first.
        if let storedLatest { hourly.noteKnown(from: storedLatest - hourly.keptSeconds) }
        if !unknown.isEmpty {
            logger.warning("the state store holds use of scopes the configuration no longer names (\(unknown.sorted().joined(separator: ", "))): left out of the reports; add the [[scope]] back to see it")
        }
        return (daily, hourly)
    }

    /// The store's update: the new totals of every cell this run added to, every complete
    /// hourly slot, and the inputs counted. Cells and slots are read off the aggregates while
    /// the store writes them, never held whole.
    func update(
        fresh: UsageAggregate, combined: UsageAggregate, hourly: HourlyUsage, inputs: [CountedInput], run: RunRecord,
        readAfterRun: Int64
    ) -> StateUpdate {
        let scopeNames = scopeNames
        var update = StateUpdate(
            inputs: inputs,
            cells: RowSource { body in try fresh.forEachStoredCell(in: combined, scopeNames: scopeNames, body) },
            slots: RowSource { body in try hourly.forEachStoredSlot(scopeNames: scopeNames, body) },
            run: run)
        update.readAfterRun = readAfterRun
        return update
    }
}
