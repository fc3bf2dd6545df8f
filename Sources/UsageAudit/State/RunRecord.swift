/// One run as the state store's `runs` table lists it.
public struct RunRecord: Hashable, Sendable {
    /// Epoch seconds.
    public var startedAt: Int64
    public var asOf: Int64
    /// Inputs read, and lines counted by this run (not those counted before).
    public var inputs: Int
    public var lines: Int64
    public var version: String

    public init(startedAt: Int64, asOf: Int64, inputs: Int, lines: Int64, version: String) {
        self.startedAt = startedAt
        self.asOf = asOf
        self.inputs = inputs
        self.lines = lines
        self.version = version
    }
}
