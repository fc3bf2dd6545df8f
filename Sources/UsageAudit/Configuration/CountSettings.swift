/// `[count]`: which requests consume quota.
public struct CountSettings: Sendable, Equatable {
    /// Path prefixes a request must start with to be counted at all (empty: every path).
    public var paths: [String]
    /// Statuses that do not consume quota (default `[429]`).
    public var excludeStatus: [StatusPattern]
    /// If set, only these statuses consume quota (e.g. `["2xx", 204]`).
    public var status: [StatusPattern]?

    public init(paths: [String] = [], excludeStatus: [StatusPattern] = [.code(429)], status: [StatusPattern]? = nil) {
        self.paths = paths
        self.excludeStatus = excludeStatus
        self.status = status
    }

    /// Whether a response with `status` consumes quota.
    public func consumes(status code: Int) -> Bool {
        if excludeStatus.contains(where: { $0.matches(code) }) { return false }
        if let allowed = status { return allowed.contains { $0.matches(code) } }
        return true
    }
}
