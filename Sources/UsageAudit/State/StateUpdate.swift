/// Everything one run adds to the state store, written in one transaction.
public struct StateUpdate: Sendable {
    /// Inputs counted (new ones without an id; grown ones with `countedBefore` set).
    public var inputs: [CountedInput]
    /// Daily cells with their new totals (history plus this run), replacing stored ones.
    public var cells: RowSource<StoredCell>
    /// Every hourly slot to keep: the stored ones are replaced by these. A pipeline's update
    /// gives them by user, scope and start; stores do not rely on it.
    public var slots: RowSource<StoredSlot>
    /// The run, for the `runs` table.
    public var run: RunRecord
    /// The store's last run when the history these totals build on was read: the commit
    /// refuses (`StateError.overtaken`) when another run committed since, whose counts these
    /// totals, computed without them, would replace. Nil: not checked.
    public var readAfterRun: Int64?
    /// Asked inside the transaction once everything is written, just before it commits:
    /// false rolls it back, and the commit throws `StateError.abandoned`. A caller that
    /// decides later (`BackgroundCommit`: the run's reports are still being staged) blocks
    /// here meanwhile.
    public var confirmation: @Sendable () -> Bool = { true }

    public init(inputs: [CountedInput], cells: RowSource<StoredCell>, slots: RowSource<StoredSlot>, run: RunRecord) {
        self.inputs = inputs
        self.cells = cells
        self.slots = slots
        self.run = run
    }

    public init(inputs: [CountedInput], cells: [StoredCell], slots: [StoredSlot], run: RunRecord) {
        self.init(inputs: inputs, cells: RowSource(cells), slots: RowSource(slots), run: run)
    }
}
