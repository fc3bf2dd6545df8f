extension RecommendationApplyForm {
    /// The chat service's periods: the set-quota field of each and the period it limits.
    static let waldurFields: [(field: String, period: Period)] = [
        ("daily_limit", .day), ("weekly_limit", .week), ("monthly_limit", .month),
    ]

    /// One `POST /api/chat-quota/set_quota/` body per user with a recommendation, one per
    /// line (JSON Lines), users in recommendation order:
    /// `{"user_uuid":"…","daily_limit":10000,"weekly_limit":null,"monthly_limit":-1}`.
    ///
    /// The endpoint treats an omitted field or null as "use the system default", so every
    /// body names all three limits: the recommended one, and the others as the store holds
    /// them (null when it holds none or the configured default, `-1` unlimited), so that
    /// setting one limit does not reset the others. `revert_to_default` sends null. Only
    /// `all` limits of `day`, `week` and `month` exist there; others get a note. The user
    /// is sent as the profile named them (`user_uuid` when the usage JSON was keyed by it):
    /// replace names by UUIDs if the profiles were keyed by user name.
    static func waldurFile(for recommendations: [Recommendation], limits: LimitResolver) -> RecommendationApplyFile {
        var users: [String] = []
        var changes: [String: [String: Recommendation]] = [:]
        var notes: [String] = []
        var applied = 0
        for recommendation in recommendations {
            guard recommendation.scope == AuditConfiguration.allScope,
                  let field = waldurFields.first(where: { $0.period == recommendation.period })?.field
            else {
                notes.append(note(recommendation, "the chat service keeps only all limits per day, week and month"))
                continue
            }
            if changes[recommendation.user] == nil {
                users.append(recommendation.user)
                changes[recommendation.user] = [:]
            }
            if changes[recommendation.user]?[field] == nil {
                changes[recommendation.user]?[field] = recommendation
                applied += 1
            }
        }
        var lines: [String] = []
        for user in users {
            var members: [(String, JSONValue)] = [("user_uuid", .string(user))]
            for (field, period) in waldurFields {
                members.append((field, waldurValue(user: user, period: period, change: changes[user]?[field], limits: limits)))
            }
            lines.append(JSONValue.object(members).rendered(pretty: false))
        }
        let text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        return RecommendationApplyFile(name: waldurFileName, text: text, applied: applied, notes: notes)
    }

    /// The value of one limit field: the change, else the limit as stored.
    static func waldurValue(user: String, period: Period, change: Recommendation?, limits: LimitResolver) -> JSONValue {
        let defaultLimit = limits.quota(scope: AuditConfiguration.allScope, period: period)?.defaultLimit
        if let change {
            guard change.action != .revertToDefault, let recommended = change.recommendedLimit else { return .null }
            return .integer(recommended)
        }
        switch limits.profile(user: user, scope: AuditConfiguration.allScope, period: period)?.limit {
        case .unlimited?: return .integer(-1)
        case .limit(let value)?: return value == defaultLimit ? .null : .integer(value)
        case .useDefault?, nil: return .null
        }
    }
}
