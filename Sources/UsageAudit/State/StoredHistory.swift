/// What the state store holds of earlier runs, from some day on.
public struct StoredHistory: Sendable {
    public var cells: [StoredCell]
    public var slots: [StoredSlot]
    /// The first day the store has any use for, in all its history.
    public var firstDay: LocalDay?
    /// The id of the last run the store recorded when this was read (0: none), so that a
    /// commit can tell that another run committed in between (`StateUpdate.readAfterRun`).
    public var lastRun: Int64 = 0

    public init(cells: [StoredCell] = [], slots: [StoredSlot] = [], firstDay: LocalDay? = nil) {
        self.cells = cells
        self.slots = slots
        self.firstDay = firstDay
    }
}
