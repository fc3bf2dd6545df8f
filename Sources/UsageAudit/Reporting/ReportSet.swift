import Foundation

/// Writes every report of an audit into one folder, each file atomically.
public struct ReportSet {
    public let outcome: AuditOutcome
    private let calendar: ZonedCalendar

    public init(outcome: AuditOutcome) {
        self.outcome = outcome
        calendar = ZonedCalendar(timeZone: outcome.configuration.timeZone)
    }

    /// The usage report as a table.
    public var usageTable: ReportTable {
        UsageReport(rows: outcome.usageRows, limits: outcome.limits).table(calendar: calendar)
    }

    /// The reconciliation findings as a table.
    public var reconciliationTable: ReportTable {
        ReconciliationReport(findings: outcome.findings).table(calendar: calendar)
    }

    /// Writes the reports into `directory` (created if missing) and returns their file names.
    @discardableResult
    public func write(to directory: String) throws(ReportError) -> [String] {
        try AtomicFile.createDirectory(directory)
        var files: [String] = []
        func emit(_ name: String, _ text: String) throws(ReportError) {
            try AtomicFile.write(text, to: (directory as NSString).appendingPathComponent(name))
            files.append(name)
        }
        // The usage report is the large one: streamed row by row, never held whole, CSV and
        // JSON on two threads.
        try UsageReport(rows: outcome.usageRows, limits: outcome.limits).write(
            [("usage.csv", .csv), ("usage.json", .json)], into: directory, timeZone: outcome.configuration.timeZone)
        files += ["usage.csv", "usage.json"]
        try ReconciliationReport(findings: outcome.findings).write(
            [("reconciliation.csv", .csv), ("reconciliation.json", .json)], into: directory, timeZone: outcome.configuration.timeZone)
        files += ["reconciliation.csv", "reconciliation.json"]
        let summary = SummaryReport(
            asOf: outcome.asOf, result: outcome.result, configuration: outcome.configuration,
            findings: ReconciliationReport.counts(of: outcome.findings), profiles: outcome.profiles.count,
            timings: outcome.timings, reportFiles: files + ["summary.json"])
        try emit("summary.json", summary.json(calendar: calendar).rendered(pretty: true) + "\n")
        return files
    }
}
