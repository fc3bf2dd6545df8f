/// The kinds of reconciliation finding (DESIGN §6); README documents what to do about each.
public enum FindingKind: String, CaseIterable, Sendable, Comparable {
    /// The stored counter differs from the recomputed one.
    case drift
    /// The stored counter still shows the previous bucket's count: the reset was not applied.
    case staleReset = "stale_reset"
    /// Traffic under a quota, but no stored profile for it.
    case missingProfile = "missing_profile"
    /// A stored profile with use, but no traffic in the logs.
    case orphanProfile = "orphan_profile"
    /// The lifetime counter is below what the logs alone prove.
    case totalRegression = "total_regression"
    /// A hard limit was not enforced: more units served than the limit.
    case overLimitServed = "over_limit_served"
    /// 429s while the user was under the limit (including the lockout signature).
    case blockedUnderLimit = "blocked_under_limit"
    /// A stored profile for a scope the configuration does not define: it cannot be checked.
    case unknownScope = "unknown_scope"

    public static func < (lhs: FindingKind, rhs: FindingKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
