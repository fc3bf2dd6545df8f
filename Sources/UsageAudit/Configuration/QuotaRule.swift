/// `[[quota]]`: a limit on a scope's units per period.
public struct QuotaRule: Sendable, Equatable {
    /// A scope name, or `all` for the sum over scopes.
    public var scope: String
    public var period: Period
    /// The limit for users whose profile has none; nil means no limit is known,
    /// `-1` unlimited, `0` no use allowed.
    public var defaultLimit: Int64?
    /// Whether requests past the limit should have been refused (false: a soft limit).
    public var hard: Bool
    /// The price of 1000 units past a soft limit.
    public var blockPrice: Double?

    public init(scope: String, period: Period, defaultLimit: Int64? = nil, hard: Bool = true, blockPrice: Double? = nil) {
        self.scope = scope
        self.period = period
        self.defaultLimit = defaultLimit
        self.hard = hard
        self.blockPrice = blockPrice
    }
}
