/// How a parsed request counts.
public enum RequestOutcome: Sendable, Equatable {
    /// It consumes quota (and is a rejection too when its status is 429 but 429 is not excluded).
    case consumed(rejected: Bool)
    /// A 429 that does not consume quota: unmet demand.
    case rejected
    /// Outside `count.paths` or of an excluded status: not counted against any user.
    case excluded
}
