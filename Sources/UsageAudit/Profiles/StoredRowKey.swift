/// The cells that pick one long-layout profile out of its table, as the store wrote them:
/// what `--fix-sql`'s `WHERE` must match. A store may spell the period `Day` or `30`
/// (read as `day` and `30d`), and may keep one row per bucket (`period_start`): an UPDATE
/// keyed on the canonical period alone would match no row, or every bucket's row.
public struct StoredRowKey: Hashable, Sendable {
    /// The `period` cell as written.
    public var period: String
    /// The `period_start` cell as written, when the row has one.
    public var periodStart: String?

    public init(period: String, periodStart: String? = nil) {
        self.period = period
        self.periodStart = periodStart
    }
}
