/// A usage cell identified by user name rather than by an aggregate's internal id.
public struct UsageCellName: Hashable, Sendable {
    public var user: String
    public var scope: Int
    public var day: LocalDay

    public init(user: String, scope: Int, day: LocalDay) {
        self.user = user
        self.scope = scope
        self.day = day
    }
}
