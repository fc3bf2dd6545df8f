/// One hour of one user's use of one scope, as the state store keeps it for the last two
/// days (the reconciler cuts snapshot days at the hour, and detection finds bursts).
public struct StoredSlot: Hashable, Sendable {
    public var user: String
    /// A scope name as configured (`other` included).
    public var scope: String
    /// The slot's start, epoch seconds.
    public var start: Int64
    public var counts: UsageCounts

    public init(user: String, scope: String, start: Int64, counts: UsageCounts) {
        self.user = user
        self.scope = scope
        self.start = start
        self.counts = counts
    }
}
