/// One day of one user's use of one scope, as the state store keeps it.
public struct StoredCell: Hashable, Sendable {
    public var user: String
    /// A scope name as configured (`other` included).
    public var scope: String
    public var day: LocalDay
    public var counts: UsageCounts

    public init(user: String, scope: String, day: LocalDay, counts: UsageCounts) {
        self.user = user
        self.scope = scope
        self.day = day
        self.counts = counts
    }
}
