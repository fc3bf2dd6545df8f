/// One limit the recommender gives advice on: a user, a scope, a period and the positive
/// number of units the limit allows, with where that number came from.
struct LimitCandidate {
    var user: String
    /// A scope name, or `all`.
    var scope: String
    /// The period, framed as the store frames it (an `Nd` window anchored at the profile's
    /// `periodStart`, else at the quota's anchor).
    var period: Period
    /// The effective limit in units (always more than 0).
    var limit: Int64
    /// The quota's default, when it is a positive number of units.
    var defaultLimit: Int64?
    /// Whether the limit is the user's own value: from the profile, and not the default.
    var isCustom: Bool
    /// Where the custom value was read (`profiles.csv:12`), empty when unknown.
    var origin: String

    /// The candidate for `user`, `scope` and `period`, or nil when the limit is not a
    /// positive number of units (none, unlimited, or 0: blocking is a decision, not an
    /// accident to correct).
    init?(user: String, scope: String, period: Period, limits: LimitResolver) {
        let effective = limits.limit(user: user, scope: scope, period: period)
        guard case .units(let units) = effective.value, units > 0 else { return nil }
        self.user = user
        self.scope = scope
        self.period = period
        limit = units
        if let value = limits.defaultQuota(scope: scope, period: period)?.defaultLimit, value > 0 {
            defaultLimit = value
        } else {
            defaultLimit = nil
        }
        switch effective.source {
        case .profile(let origin):
            isCustom = units != defaultLimit
            self.origin = origin
        case .quotaDefault, .none:
            isCustom = false
            origin = ""
        }
    }

    /// The period a profile's counter is framed by: an `Nd` window starting at the
    /// profile's `periodStart`, else the quota's framing of an `Nd` window (its anchor),
    /// else the profile's period.
    static func period(of profile: StoredProfile, limits: LimitResolver) -> Period {
        guard case .days(let count, _) = profile.period else { return profile.period }
        if let start = profile.periodStart { return .days(count, anchor: start) }
        return limits.quota(scope: profile.scope, period: profile.period)?.period ?? profile.period
    }

    /// The recommendation with this candidate's user, scope, period and current limit.
    func recommendation(_ action: RecommendationAction, to recommended: Int64?, reason: String) -> Recommendation {
        Recommendation(
            user: user, scope: scope, period: period, currentLimit: limit, recommendedLimit: recommended,
            action: action, reason: reason)
    }
}
