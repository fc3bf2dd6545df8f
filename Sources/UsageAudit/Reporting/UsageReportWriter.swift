/// Writes `usage.csv` and `usage.json` straight from the usage rows: the same bytes as the
/// generic `ReportTableWriter` path (tests compare them), without building a row of
/// `ReportValue`s per row. Text that repeats from row to row (scope, period, bucket stamps,
/// limits without stored profiles) is rendered once and copied.
struct UsageReportWriter {
    let format: OutputFormat
    private let calendar: ZonedCalendar
    private let limits: LimitResolver
    private var rows = 0
    /// The scope and period cells of each scope and period name seen, rendered once (a few
    /// entries: rows cycle through every scope and period of each user; a period's anchor,
    /// which a user's dated profile may set, is not in its name).
    private var columns: [Columns] = []
    /// The limit of each scope and period (anchor and all) seen, when limits do not depend on
    /// the user: then periods come from the quotas alone, a few.
    private var knownLimits: [(scope: String, period: Period, limit: EffectiveLimit)] = []
    /// Rendered bucket stamps by day number (a run has few distinct days).
    private var stamps: [(day: Int32, bytes: [UInt8])] = []

    /// The rendered scope and period cells of one scope and period name.
    private struct Columns {
        let scope: String
        let period: Period
        let scopeBytes: [UInt8]
        let periodBytes: [UInt8]
    }

    /// `format` is `.csv` or `.json`.
    init(format: OutputFormat, calendar: ZonedCalendar, limits: LimitResolver) {
        precondition(format == .csv || format == .json)
        self.format = format
        self.calendar = calendar
        self.limits = limits
    }

    mutating func begin(_ output: inout ReportOutput) {
        var writer = ReportTableWriter(format: format, columns: UsageReport.columns)
        writer.begin(&output)
    }

    mutating func end(_ output: inout ReportOutput) {
        if format == .json { output.append(rows > 0 ? "\n]\n" as StaticString : "]\n") }
    }

    mutating func write(_ row: UsageRow, to output: inout ReportOutput) {
        let index = columnsIndex(for: row)
        let effective = limit(for: row)
        let limit = effective.reportedLimit
        let remaining = UsageReport.remaining(limit: limit, units: row.counts.units)
        let overage = effective.overage(used: row.counts.units)
        let json = format == .json
        if json {
            if rows > 0 { output.append(UInt8(ascii: ",")) }
            output.append("\n  {\n    \"user\": ")
        }
        // Written straight out: a user's rows are few, and a cache of the last one cost
        // more in comparing and allocating than escaping a name does.
        Self.render(row.user, as: format, to: &output)
        appendSeparator(",\n    \"scope\": ", to: &output)
        columns[index].scopeBytes.withUnsafeBufferPointer { output.append(contentsOf: $0) }
        appendSeparator(",\n    \"period\": ", to: &output)
        columns[index].periodBytes.withUnsafeBufferPointer { output.append(contentsOf: $0) }
        appendSeparator(",\n    \"period_start\": ", to: &output)
        appendStamp(row.bucket.start, to: &output)
        appendSeparator(",\n    \"period_end\": ", to: &output)
        appendStamp(row.bucket.end, to: &output)
        appendSeparator(",\n    \"requests\": ", to: &output)
        output.append(row.counts.requests)
        appendSeparator(",\n    \"units\": ", to: &output)
        output.append(row.counts.units)
        appendSeparator(",\n    \"rejected\": ", to: &output)
        output.append(row.counts.rejected)
        appendSeparator(",\n    \"limit\": ", to: &output)
        appendOptional(limit, to: &output)
        appendSeparator(",\n    \"remaining\": ", to: &output)
        appendOptional(remaining, to: &output)
        appendSeparator(",\n    \"overage\": ", to: &output)
        appendOptional(overage?.units, to: &output)
        appendSeparator(",\n    \"overage_cost\": ", to: &output)
        if let cost = overage?.cost {
            output.append(JSONValue.format(cost))
        } else if json {
            output.append("null")
        }
        if json { output.append("\n  }") } else { output.append(UInt8(ascii: "\n")) }
        rows += 1
    }

    /// Appends what comes before a cell: `jsonText` (the comma and the key) in JSON, a comma
    /// in CSV (static text: a `String` chosen between the two cost a retain and a release).
    @inline(__always)
    private func appendSeparator(_ jsonText: StaticString, to output: inout ReportOutput) {
        if format == .json { output.append(jsonText) } else { output.append(UInt8(ascii: ",")) }
    }

    /// The index in `columns` of `row`'s scope and period name, rendered on first sight.
    private mutating func columnsIndex(for row: UsageRow) -> Int {
        for index in columns.indices where columns[index].period.hasSameName(as: row.period) && columns[index].scope == row.scope {
            return index
        }
        columns.append(Columns(
            scope: row.scope, period: row.period, scopeBytes: rendered(row.scope), periodBytes: rendered(row.period.name)))
        return columns.count - 1
    }

    private mutating func limit(for row: UsageRow) -> EffectiveLimit {
        guard limits.isUserIndependent else { return limits.limit(user: row.user, scope: row.scope, period: row.period) }
        for known in knownLimits where known.period == row.period && known.scope == row.scope { return known.limit }
        let limit = limits.limit(user: row.user, scope: row.scope, period: row.period)
        knownLimits.append((row.scope, row.period, limit))
        return limit
    }

    private func appendOptional(_ value: Int64?, to output: inout ReportOutput) {
        if let value {
            output.append(value)
        } else if format == .json {
            output.append("null")
        }
    }

    private mutating func appendStamp(_ day: LocalDay, to output: inout ReportOutput) {
        for index in stamps.indices where stamps[index].day == day.number {
            stamps[index].bytes.withUnsafeBufferPointer { output.append(contentsOf: $0) }
            return
        }
        let bytes = rendered(calendar.rfc3339(calendar.startOfDay(day)))
        stamps.append((day.number, bytes))
        bytes.withUnsafeBufferPointer { output.append(contentsOf: $0) }
    }

    /// `text` as a cell of this writer's format.
    private func rendered(_ text: String) -> [UInt8] {
        var output = ReportOutput()
        Self.render(text, as: format, to: &output)
        return output.bytes
    }

    /// Writes `text` as a cell of `format` (escaped; neutralised for CSV).
    @inline(__always)
    private static func render(_ text: String, as format: OutputFormat, to output: inout ReportOutput) {
        if format == .json {
            JSONValue.writeString(text, to: &output)
        } else {
            CSVRenderer.writeText(text, neutralising: true, to: &output)
        }
    }
}
