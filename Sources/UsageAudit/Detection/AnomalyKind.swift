/// The kinds of anomaly (DESIGN §6); README documents what each means and what to do.
public enum AnomalyKind: String, CaseIterable, Sendable, Comparable {
    /// Far above the user's own robust baseline for that day.
    case spike
    /// At or above `detect.near_limit` of the limit, but not at it.
    case nearLimit = "near_limit"
    /// The limit was reached: units at or past it, or requests refused for it.
    case limitReached = "limit_reached"
    /// A user with little or no history whose first days are heavy against the cohort.
    case newHeavyUser = "new_heavy_user"
    /// Use concentrated in a short span within the day.
    case burst

    public static func < (lhs: AnomalyKind, rhs: AnomalyKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
