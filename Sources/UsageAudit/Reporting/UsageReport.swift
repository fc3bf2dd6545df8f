/// `usage.csv` / `usage.json`: one row per user × scope × period × bucket that had use.
public struct UsageReport: StreamedReport {
    public static let columns = [
        "user", "scope", "period", "period_start", "period_end",
        "requests", "units", "rejected", "limit", "remaining", "overage", "overage_cost",
    ]

    public var rows: UsageRows
    private let limits: LimitResolver

    /// - Parameter limits: resolves each row's limit: the user's stored profile, else the
    ///   quota's default, else none.
    public init(rows: UsageRows, limits: LimitResolver) {
        self.rows = rows
        self.limits = limits
    }

    public init(rows: [UsageRow], limits: LimitResolver) {
        self.init(rows: UsageRows(rows), limits: limits)
    }

    /// What is left of the limit: empty when there is no limit or it is unlimited (-1),
    /// never below zero.
    public static func remaining(limit: Int64?, units: Int64) -> Int64? {
        guard let limit, limit >= 0 else { return nil }
        return max(0, limit - units)
    }

    /// Writes the report in `format` (CSV, JSON or JSON lines) row by row.
    public func write(_ format: OutputFormat, calendar: ZonedCalendar, to output: inout ReportOutput) {
        if format == .csv || format == .json {
            var writer = UsageReportWriter(format: format, calendar: calendar, limits: limits)
            writer.begin(&output)
            rows.forEachRow { writer.write($0, to: &output) }
            writer.end(&output)
            return
        }
        var writer = ReportTableWriter(format: format, columns: Self.columns)
        writer.begin(&output)
        forEachRow(calendar: calendar) { writer.write($0, to: &output) }
        writer.end(&output)
    }

    /// Calls `body` with each row, in order (the array is reused between calls); timestamps
    /// are RFC 3339 in `calendar`'s zone.
    public func forEachRow(calendar: ZonedCalendar, _ body: ([ReportValue]) throws -> Void) rethrows {
        var stamps: [LocalDay: String] = [:]
        func stamp(_ day: LocalDay) -> String {
            if let known = stamps[day] { return known }
            let text = calendar.rfc3339(calendar.startOfDay(day))
            stamps[day] = text
            return text
        }
        var values: [ReportValue] = []
        values.reserveCapacity(Self.columns.count)
        try rows.forEachRow { row in
            let effective = limits.limit(user: row.user, scope: row.scope, period: row.period)
            let limit = effective.reportedLimit
            let overage = effective.overage(used: row.counts.units)
            values.removeAll(keepingCapacity: true)
            values.append(.text(row.user))
            values.append(.text(row.scope))
            values.append(.text(row.period.name))
            values.append(.text(stamp(row.bucket.start)))
            values.append(.text(stamp(row.bucket.end)))
            values.append(.integer(row.counts.requests))
            values.append(.integer(row.counts.units))
            values.append(.integer(row.counts.rejected))
            values.append(ReportValue(limit))
            values.append(ReportValue(Self.remaining(limit: limit, units: row.counts.units)))
            values.append(ReportValue(overage?.units))
            values.append(overage?.cost.map { .decimal($0) } ?? .empty)
            try body(values)
        }
    }
}
