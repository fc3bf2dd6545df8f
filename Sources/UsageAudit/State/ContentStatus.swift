/// How an input relates to what the state store had counted before this run.
public enum ContentStatus: Hashable, Sendable {
    /// No state store: the input was counted whole, with no memory of earlier runs.
    case untracked
    /// Never counted before: counted whole.
    case new
    /// It continues an input counted before (a log that grew, or its rotated copy): counted
    /// from `offset`, where the earlier run stopped.
    case appended(offset: Int64, previousName: String)
    /// Everything in it was counted before (a rerun, or a rotated copy): nothing added.
    case alreadyCounted(previousName: String, countedAt: Int64)
    /// It starts like an input counted before, but what was counted has changed since:
    /// nothing of it was counted again.
    case changed(previousName: String, countedAt: Int64)

    /// The status as `summary.json` names it.
    public var name: String {
        switch self {
        case .untracked: return "untracked"
        case .new: return "new"
        case .appended: return "appended"
        case .alreadyCounted: return "already_counted"
        case .changed: return "changed"
        }
    }
}
