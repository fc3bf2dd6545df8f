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

    /// History plus this run's usage: returns the daily usage, and adds the stored hourly
    /// slots to `hourly`, this run's (which should be its only reference: it is added to in
    /// place, not copied). Stored use of scopes the configuration no longer names is left out
    /// (said once on the log): folding it into `other` would store it twice.
    func combine(_ history: inout StoredHistory, with fresh: CountResult, hourly: inout HourlyUsage, logger: Logger) -> UsageAggregate {
        let storedScopes = history.scopeNames.map { scopeIndex[$0] }
        let unknown = Set(zip(history.scopeNames, storedScopes).filter { $0.1 == nil }.map(\.0))
        // An empty history costs nothing: this run's cells as they are.
        let daily = history.takeUsage(renumberingScopes: storedScopes, adding: fresh.aggregate) ?? fresh.aggregate
        // Into this run's table, not a second one merged with it: the stored slots before this
        // run's kept span are left out as they come, and only one table is ever held. (Adding
        // is exact and in any order: the same slots as restoring first and merging.)
        let storedLatest = hourly.restore(history, scopeIndex: scopeIndex)
        hourly.compact()
        // The store kept the hours of the kept span before its latest request (the run that
        // stored them covered at least those): before them, zeros would be guesses. Not its
        // first slot, which is wherever some user happened to be active first.
        if let storedLatest { hourly.noteKnown(from: storedLatest - hourly.keptSeconds) }
        if !unknown.isEmpty {
            logger.warning("the state store holds use of scopes the configuration no longer names (\(unknown.sorted().joined(separator: ", "))): left out of the reports; add the [[scope]] back to see it")
        }
        return daily
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
