/// One thing wrong with a stored counter: a row of `reconciliation.csv`.
public struct ReconciliationFinding: Hashable, Sendable {
    public var user: String
    public var scope: String
    public var period: Period
    /// The bucket the comparison is about.
    public var bucket: DayRange
    /// The stored field compared: `used`, `total`, `limit`.
    public var field: String
    public var stored: Int64?
    public var recomputed: Int64?
    public var kind: FindingKind
    /// A sentence a staff member understands, with the likely cause where the data shows it.
    public var detail: String
    /// Where the stored profile came from (`profiles.csv:12`), empty when no profile is involved.
    public var origin: String
    /// Whether `recomputed` is only the least use the logs prove (they end before the
    /// counter was read): `--fix-sql` says so beside its statement.
    public var recomputedIsLeast = false

    public init(user: String, scope: String, period: Period, bucket: DayRange, field: String,
                stored: Int64?, recomputed: Int64?, kind: FindingKind, detail: String, origin: String = "") {
        self.user = user
        self.scope = scope
        self.period = period
        self.bucket = bucket
        self.field = field
        self.stored = stored
        self.recomputed = recomputed
        self.kind = kind
        // Held until the reports are written, by the tens of thousands on a large night:
        // without the room its interpolation grew to.
        self.detail = detail.compacted()
        self.origin = origin
    }

    /// `stored − recomputed`, when both are known.
    public var delta: Int64? {
        guard let stored, let recomputed else { return nil }
        let (difference, overflow) = stored.subtractingReportingOverflow(recomputed)
        return overflow ? (stored > recomputed ? .max : .min) : difference
    }
}
