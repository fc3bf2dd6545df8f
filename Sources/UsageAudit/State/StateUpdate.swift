/// Everything one run adds to the state store, written in one transaction.
public struct StateUpdate: Sendable {
    /// Inputs counted (new ones without an id; grown ones with `countedBefore` set).
    public var inputs: [CountedInput]
    /// Daily cells with their new totals (history plus this run), replacing stored ones.
    public var cells: RowSource<StoredCell>
    /// Every hourly slot to keep: the stored ones are replaced by these. A pipeline's update
    /// gives them by user, scope and start; stores do not rely on it.
    public var slots: RowSource<StoredSlot>
    /// `inputs` in the order a store writes them: the stored ones moved on first, then the
    /// new ones. A run can grow a stored input's head and count a copy of its old, shorter
    /// head as new; inserted first, the copy would meet the old head in the table's unique
    /// index and the commit fail as if another run had counted it, night after night.
    public var inputsInWritingOrder: [CountedInput] {
        inputs.filter { $0.id != nil } + inputs.filter { $0.id == nil }
    }

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
