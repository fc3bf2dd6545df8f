/// One stored counter of one user, as read from a quota store: the thing an audit checks.
///
/// Every layout (long CSV/JSON, the gazetteer's admin export, the chat service's usage
/// JSON, the geo platform's service blocks, the Django quota table, a database table) is
/// translated into these values on read, with its own limit conventions already applied.
public struct StoredProfile: Hashable, Sendable {
    public var user: String
    /// A scope name of the configuration, or `all`.
    public var scope: String
    /// The period the counter covers (a billing cycle for the geo platform's monthly use).
    public var period: Period
    public var limit: StoredLimit
    /// The stored counter for the bucket containing `snapshotAt`; nil when the store has none.
    public var used: Int64?
    /// The stored lifetime counter, if the store keeps one.
    public var total: Int64?
    /// Whether the limit is enforced; nil means "as the quota in the configuration says".
    public var hard: Bool?
    /// Price per 1000 units past a soft limit, if the store keeps one.
    public var blockPrice: Double?
    /// When the counter was read, in epoch seconds; nil means the audit's `--as-of`.
    public var snapshotAt: Int64?
    /// The first day of the stored bucket, when the store records it (N-day windows).
    public var periodStart: LocalDay?
    /// Where the profile came from, for evidence: `profiles.csv:12`, `table api_profiles row 7`.
    public var origin: String
    /// The row's own spelling of its key cells (long layout), for `--fix-sql`.
    public var rowKey: StoredRowKey?

    public init(
        user: String, scope: String, period: Period, limit: StoredLimit = .useDefault,
        used: Int64? = nil, total: Int64? = nil, hard: Bool? = nil, blockPrice: Double? = nil,
        snapshotAt: Int64? = nil, periodStart: LocalDay? = nil, origin: String = "", rowKey: StoredRowKey? = nil
    ) {
        self.user = user
        self.scope = scope
        self.period = period
        self.limit = limit
        self.used = used
        self.total = total
        self.hard = hard
        self.blockPrice = blockPrice
        self.snapshotAt = snapshotAt
        self.periodStart = periodStart
        self.origin = origin
        self.rowKey = rowKey
    }
}
