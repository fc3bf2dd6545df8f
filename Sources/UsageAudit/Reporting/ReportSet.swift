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

    /// The anomalies as a table.
    public var anomalyTable: ReportTable {
        AnomalyReport(anomalies: outcome.anomalies).table(calendar: calendar)
    }

    /// The recommendations as a table.
    public var recommendationTable: ReportTable {
        RecommendationReport(recommendations: outcome.recommendations).table
    }

    /// Writes the reports into `directory` (created if missing) and returns their file names.
    /// - Parameter runSeconds: the run's wall-clock time for `metrics.prom` (default: the sum
    ///   of the stage timings).
    @discardableResult
    public func write(to directory: String, runSeconds: Double? = nil) throws(ReportError) -> [String] {
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
        let anomalies = anomalyTable
        try emit("anomalies.csv", OutputFormat.csv.render(anomalies))
        try emit("anomalies.json", OutputFormat.json.render(anomalies))
        let recommendations = recommendationTable
        try emit("recommendations.csv", OutputFormat.csv.render(recommendations))
        try emit("recommendations.json", OutputFormat.json.render(recommendations))
        for file in applyForms {
            try emit(file.name, file.text)
        }
        try emit("report.html", HTMLReport(outcome: outcome).rendered())
        var summary = SummaryReport(
            asOf: outcome.asOf, result: outcome.result, configuration: outcome.configuration,
            findings: ReconciliationReport.counts(of: outcome.findings) + AnomalyReport.counts(of: outcome.anomalies),
            profiles: outcome.profiles.count, timings: outcome.timings, reportFiles: files + ["summary.json", "metrics.prom"])
        summary.recommendations = RecommendationReport.counts(of: outcome.recommendations)
        try emit("summary.json", summary.json(calendar: calendar).rendered(pretty: true) + "\n")
        let seconds = runSeconds ?? outcome.timings.reduce(0) { $0 + $1.1 }
        let metrics = MetricsReport(outcome: outcome, runSeconds: seconds, finishedAt: Int64(Date().timeIntervalSince1970))
        try emit("metrics.prom", metrics.rendered())
        return files
    }

    /// The recommendations in the apply form of the profile store's system (SQL for the
    /// gazetteer or the long table, set-quota bodies for the chat service, …), for review.
    /// Written only when a store was audited and something is to change.
    public var applyForms: [RecommendationApplyFile] {
        guard outcome.profileLayout != nil, outcome.recommendations.contains(where: { $0.action != .keep }) else { return [] }
        return RecommendationApplyForm.files(
            for: outcome.recommendations, layoutName: outcome.profileLayout, limits: outcome.limits,
            asOf: outcome.asOf, calendar: calendar)
    }
}
