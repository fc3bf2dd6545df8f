import Foundation
import Synchronization

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

    /// Writes the report into `directory` once per (file name, format), each file atomically
    /// and on a thread of its own; timestamps in `timeZone`.
    public func write(_ files: [(name: String, format: OutputFormat)], into directory: String, timeZone: TimeZone) throws(ReportError) {
        let failures = Mutex<[ReportError]>([])
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let (name, format) = files[index]
            let calendar = ZonedCalendar(timeZone: timeZone)
            do throws(ReportError) {
                try AtomicFile.write(to: (directory as NSString).appendingPathComponent(name)) {
                    write(format, calendar: calendar, to: &$0)
                }
            } catch {
                failures.withLock { $0.append(error) }
            }
        }
        if let failure = failures.withLock({ $0.first }) { throw failure }
    }
}
