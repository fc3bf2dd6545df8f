/// `usage.csv` / `usage.json`: one row per user × scope × period × bucket that had use.
public struct UsageReport {
    public static let columns = [
        "user", "scope", "period", "period_start", "period_end",
        "requests", "units", "rejected", "limit", "remaining", "overage", "overage_cost",
    ]

    public var rows: [UsageRow]
    private let limits: LimitResolver

    /// - Parameter limits: resolves each row's limit: the user's stored profile, else the
    ///   quota's default, else none.
    public init(rows: [UsageRow], limits: LimitResolver) {
        self.rows = rows
        self.limits = limits
    }

    /// What is left of the limit: empty when there is no limit or it is unlimited (-1),
    /// never below zero.
    public static func remaining(limit: Int64?, units: Int64) -> Int64? {
        guard let limit, limit >= 0 else { return nil }
        return max(0, limit - units)
    }

    /// The report as a table; timestamps are RFC 3339 in `calendar`'s zone.
    public func table(calendar: ZonedCalendar) -> ReportTable {
        var table = ReportTable(columns: Self.columns)
        table.rows.reserveCapacity(rows.count)
        var stamps: [LocalDay: String] = [:]
        func stamp(_ day: LocalDay) -> String {
            if let known = stamps[day] { return known }
            let text = calendar.rfc3339(calendar.startOfDay(day))
            stamps[day] = text
            return text
        }
        for row in rows {
            let effective = limits.limit(user: row.user, scope: row.scope, period: row.period)
            let limit = effective.reportedLimit
            let overage = effective.overage(used: row.counts.units)
            table.rows.append([
                .text(row.user), .text(row.scope), .text(row.period.name),
                .text(stamp(row.bucket.start)), .text(stamp(row.bucket.end)),
                .integer(row.counts.requests), .integer(row.counts.units), .integer(row.counts.rejected),
                ReportValue(limit), ReportValue(Self.remaining(limit: limit, units: row.counts.units)),
                ReportValue(overage?.units), overage?.cost.map { .decimal($0) } ?? .empty,
            ])
        }
        return table
    }
}
