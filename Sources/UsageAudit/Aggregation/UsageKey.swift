/// Identifies one cell of usage: a user, a scope and a local day.
public struct UsageKey: Hashable, Sendable {
    /// The user's id in the aggregate's user table.
    public var user: Int32
    /// The scope's index in `AuditConfiguration.scopeNames`.
    public var scope: Int32
    public var day: LocalDay

    public init(user: Int32, scope: Int32, day: LocalDay) {
        self.user = user
        self.scope = scope
        self.day = day
    }
}
