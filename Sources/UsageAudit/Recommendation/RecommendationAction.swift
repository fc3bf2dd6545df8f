/// What to do about a limit (DESIGN §6); README documents each.
public enum RecommendationAction: String, CaseIterable, Sendable, Comparable {
    /// Sustained demand near or over the limit: raise it for good.
    case raise
    /// A one-off bulk job: raise it for a while, then go back.
    case temporaryRaise = "temporary_raise"
    /// A custom limit long unused: lower it.
    case lower
    /// A custom limit long unused and the default would do: remove the custom value.
    case revertToDefault = "revert_to_default"
    /// The latest bucket went past the limit, but the history cannot size a change yet (a
    /// user's first buckets, or too few of them at the limit): a person should look.
    case review
    /// Nothing to change (omitted from the report unless asked for).
    case keep

    public static func < (lhs: RecommendationAction, rhs: RecommendationAction) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
