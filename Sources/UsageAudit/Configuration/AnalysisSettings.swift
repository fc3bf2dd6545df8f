/// `[detect]` and `[recommend]`: thresholds of the analyses that follow counting.
public struct AnalysisSettings: Sendable, Equatable {
    /// `detect.near_limit`: the share of a limit from which use is reported as near it.
    public var nearLimit: Double
    /// `recommend.headroom`: the factor above observed demand that a recommended limit leaves.
    public var headroom: Double

    public init(nearLimit: Double = 0.9, headroom: Double = 1.15) {
        self.nearLimit = nearLimit
        self.headroom = headroom
    }
}
