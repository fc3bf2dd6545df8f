/// Writes `usage.csv` and `usage.json` straight from the usage rows: the same bytes as the
/// generic `ReportTableWriter` path (tests compare them), without building a row of
/// `ReportValue`s per row. Text that repeats from row to row (user, scope, period, bucket
/// stamps, limits without stored profiles) is rendered once and copied.
struct UsageReportWriter {
    let format: OutputFormat
    private let calendar: ZonedCalendar
    private let limits: LimitResolver
    private var rows = 0
    /// Rendered cells of the previous row that the next one likely repeats.
    private var user = RenderedText()
    private var scope = RenderedText()
    private var period = RenderedText()
    /// Rendered bucket stamps by day number (a run has few distinct days).
    private var stamps: [(day: Int32, bytes: [UInt8])] = []
    /// The limit of each scope and period seen, when limits do not depend on the user (a
    /// few entries: rows cycle through every scope and period of each user).
    private var knownLimits: [(scope: String, period: Period, limit: EffectiveLimit)] = []

    /// A text cell rendered for the format (escaped; neutralised for CSV).
    private struct RenderedText {
        var text: String?
        var bytes: [UInt8] = []
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
        if format == .json { output.append(rows > 0 ? "\n]\n" : "]\n") }
    }

    mutating func write(_ row: UsageRow, to output: inout ReportOutput) {
        let effective = limit(for: row)
        let limit = effective.reportedLimit
        let remaining = UsageReport.remaining(limit: limit, units: row.counts.units)
        let overage = effective.overage(used: row.counts.units)
        Self.render(row.user, as: format, into: &user)
        Self.render(row.scope, as: format, into: &scope)
        Self.render(row.period.name, as: format, into: &period)
        let json = format == .json
        if json {
            if rows > 0 { output.append(UInt8(ascii: ",")) }
            output.append("\n  {\n    \"user\": ")
        }
        user.bytes.withUnsafeBufferPointer { output.append(contentsOf: $0) }
        output.append(json ? ",\n    \"scope\": " : ",")
        scope.bytes.withUnsafeBufferPointer { output.append(contentsOf: $0) }
        output.append(json ? ",\n    \"period\": " : ",")
        period.bytes.withUnsafeBufferPointer { output.append(contentsOf: $0) }
        output.append(json ? ",\n    \"period_start\": " : ",")
        appendStamp(row.bucket.start, to: &output)
        output.append(json ? ",\n    \"period_end\": " : ",")
        appendStamp(row.bucket.end, to: &output)
        output.append(json ? ",\n    \"requests\": " : ",")
        output.append(row.counts.requests)
        output.append(json ? ",\n    \"units\": " : ",")
        output.append(row.counts.units)
        output.append(json ? ",\n    \"rejected\": " : ",")
        output.append(row.counts.rejected)
        output.append(json ? ",\n    \"limit\": " : ",")
        appendOptional(limit, to: &output)
        output.append(json ? ",\n    \"remaining\": " : ",")
        appendOptional(remaining, to: &output)
        output.append(json ? ",\n    \"overage\": " : ",")
        appendOptional(overage?.units, to: &output)
        output.append(json ? ",\n    \"overage_cost\": " : ",")
        if let cost = overage?.cost {
            output.append(JSONValue.format(cost))
        } else if json {
            output.append("null")
        }
        output.append(json ? "\n  }" : "\n")
        rows += 1
    }

    private mutating func limit(for row: UsageRow) -> EffectiveLimit {
        guard limits.isUserIndependent else { return limits.limit(user: row.user, scope: row.scope, period: row.period) }
        if let known = knownLimits.first(where: { $0.period == row.period && $0.scope == row.scope }) { return known.limit }
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
        if let known = stamps.first(where: { $0.day == day.number }) {
            known.bytes.withUnsafeBufferPointer { output.append(contentsOf: $0) }
            return
        }
        var rendered = RenderedText()
        Self.render(calendar.rfc3339(calendar.startOfDay(day)), as: format, into: &rendered)
        stamps.append((day.number, rendered.bytes))
        rendered.bytes.withUnsafeBufferPointer { output.append(contentsOf: $0) }
    }

    /// Renders `text` as a cell of `format` into `cache`, unless it holds `text` already
    /// (static: a method of `self` taking one of its properties `inout` would copy `self`).
    private static func render(_ text: String, as format: OutputFormat, into cache: inout RenderedText) {
        if let cached = cache.text, cached == text { return }
        var output = ReportOutput()
        if format == .json {
            JSONValue.writeString(text, to: &output)
        } else {
            CSVRenderer.writeText(text, neutralising: true, to: &output)
        }
        cache = RenderedText(text: text, bytes: output.bytes)
    }
}
