/// Advice on one limit: a row of `recommendations.csv`.
public struct Recommendation: Hashable, Sendable {
    public var user: String
    /// A scope name, or `all`.
    public var scope: String
    public var period: Period
    /// The effective limit today (`-1`: unlimited), nil when none is known.
    public var currentLimit: Int64?
    /// The limit to set; nil for `keep`.
    public var recommendedLimit: Int64?
    public var action: RecommendationAction
    /// Why, with the numbers a staff member needs to decide.
    public var reason: String

    public init(
        user: String, scope: String, period: Period, currentLimit: Int64?, recommendedLimit: Int64?,
        action: RecommendationAction, reason: String
    ) {
        self.user = user
        self.scope = scope
        self.period = period
        self.currentLimit = currentLimit
        self.recommendedLimit = recommendedLimit
        self.action = action
        self.reason = reason
    }
}
