import Foundation

/// A report that hands out its rows one at a time, so that it can be written to a file in
/// any streamable format without holding a table or a rendered text of it in memory.
public protocol StreamedReport: Sendable {
    /// The column names, in order.
    static var columns: [String] { get }
    /// Calls `body` with each row (the array may be reused between calls).
    func forEachRow(calendar: ZonedCalendar, _ body: ([ReportValue]) throws -> Void) rethrows
    /// Writes the report in `format` (CSV, JSON or JSON lines) row by row.
    func write(_ format: OutputFormat, calendar: ZonedCalendar, to output: inout ReportOutput)
}

extension StreamedReport {
    /// The report as a table (for `--format table` and tests).
    public func table(calendar: ZonedCalendar) -> ReportTable {
        var table = ReportTable(columns: Self.columns)
        forEachRow(calendar: calendar) { table.rows.append($0) }
        return table
    }

    public func write(_ format: OutputFormat, calendar: ZonedCalendar, to output: inout ReportOutput) {
        var writer = ReportTableWriter(format: format, columns: Self.columns)
        writer.begin(&output)
        forEachRow(calendar: calendar) { writer.write($0, to: &output) }
        writer.end(&output)
    }

    /// Writes the report in `format` to the file at `path`, atomically; timestamps in
    /// `timeZone` (a calendar of its own, so that reports can be written on several threads).
    public func write(_ format: OutputFormat, toFile path: String, timeZone: TimeZone) throws(ReportError) {
        try stage(format, toFile: path, timeZone: timeZone).publish()
    }

    /// Writes the report as `write(_:toFile:timeZone:)` does, under a temporary name that
    /// `StagedFile.publish()` moves into place.
    public func stage(_ format: OutputFormat, toFile path: String, timeZone: TimeZone) throws(ReportError) -> StagedFile {
        let calendar = ZonedCalendar(timeZone: timeZone)
        return try AtomicFile.stage(to: path) { write(format, calendar: calendar, to: &$0) }
    }
}
