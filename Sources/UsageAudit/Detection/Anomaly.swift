/// Use out of character for one user: a row of `anomalies.csv`, with its evidence.
public struct Anomaly: Hashable, Sendable {
    public var user: String
    /// A scope name, or `all`.
    public var scope: String
    /// `day` for the daily kinds; a quota's period for `near_limit` / `limit_reached`.
    public var period: Period
    /// The bucket the finding is about (one day for daily kinds).
    public var bucket: DayRange
    public var kind: AnomalyKind
    /// Units observed in the bucket (for `burst`: units in the busiest span).
    public var observed: Int64
    /// What was expected: the robust baseline the observation is judged against, when one exists.
    public var baseline: Double?
    /// The effective limit, when one applies (`-1` never appears: unlimited use has none).
    public var limit: Int64?
    /// How far out of character, on the detector's scale (higher is stranger); nil for limit kinds.
    public var score: Double?
    /// A sentence a staff member understands: observed, baseline, ratio, share of the limit.
    public var detail: String

    public init(
        user: String, scope: String, period: Period, bucket: DayRange, kind: AnomalyKind,
        observed: Int64, baseline: Double? = nil, limit: Int64? = nil, score: Double? = nil, detail: String
    ) {
        self.user = user
        self.scope = scope
        self.period = period
        self.bucket = bucket
        self.kind = kind
        self.observed = observed
        self.baseline = baseline
        self.limit = limit
        self.score = score
        self.detail = detail
    }
}
