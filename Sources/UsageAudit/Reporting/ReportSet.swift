import Foundation
import Synchronization

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
        try publish(stage(in: directory), runSeconds: runSeconds)
    }

    /// Writes every report but `summary.json` and `metrics.prom` under temporary names in
    /// `directory` (created if missing), on both cores, the largest first; nothing is in
    /// place until `publish`. When one fails, the others are removed and the first failure
    /// in the reports' order is thrown.
    public func stage(in directory: String) throws(ReportError) -> StagedReports {
        try AtomicFile.createDirectory(directory)
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let timeZone = outcome.configuration.timeZone
        let usage = UsageReport(rows: outcome.usageRows, limits: outcome.limits)
        let reconciliation = ReconciliationReport(findings: outcome.findings)
        // The small reports' tables are built once, here, and rendered twice (CSV, JSON).
        let anomalies = anomalyTable
        let recommendations = recommendationTable
        // Each report is one piece of work staging one file (the usage report is streamed
        // row by row, never held whole).
        typealias Report = (name: String, stage: () throws(ReportError) -> StagedFile)
        func streamed(_ name: String, _ report: some StreamedReport, _ format: OutputFormat) -> Report {
            (name, { () throws(ReportError) in try report.stage(format, toFile: path(name), timeZone: timeZone) })
        }
        func tabled(_ name: String, _ table: ReportTable, _ format: OutputFormat) -> Report {
            (name, { () throws(ReportError) in try AtomicFile.stage(to: path(name)) { format.write(table, to: &$0) } })
        }
        func text(_ name: String, _ render: @escaping () -> String) -> Report {
            (name, { () throws(ReportError) in try AtomicFile.stage(render(), to: path(name)) })
        }
        var reports: [Report] = [
            streamed("usage.csv", usage, .csv), streamed("usage.json", usage, .json),
            streamed("reconciliation.csv", reconciliation, .csv), streamed("reconciliation.json", reconciliation, .json),
            tabled("anomalies.csv", anomalies, .csv), tabled("anomalies.json", anomalies, .json),
            tabled("recommendations.csv", recommendations, .csv), tabled("recommendations.json", recommendations, .json),
        ]
        reports += applyForms.map { file in text(file.name) { file.text } }
        reports.append(text("report.html") { HTMLReport(outcome: outcome).rendered() })
        let largestFirst = [0, 1, reports.count - 1] + (2..<(reports.count - 1))
        let results = Mutex<[Int: Result<StagedFile, ReportError>]>([:])
        Concurrently.forEach(reports.count) { turn in
            let index = largestFirst[turn]
            let result: Result<StagedFile, ReportError>
            do throws(ReportError) {
                result = .success(try reports[index].stage())
            } catch {
                result = .failure(error)
            }
            results.withLock { $0[index] = result }
        }
        let ordered = results.withLock { done in reports.indices.compactMap { done[$0] } }
        let staged = StagedReports(directory: directory, files: ordered.compactMap { try? $0.get() })
        // The first failure in the reports' order, whichever thread met it first.
        for case .failure(let error) in ordered {
            staged.discard()
            throw error
        }
        return staged
    }

    /// Moves the staged reports into place, then writes `summary.json` and `metrics.prom`
    /// from this set's outcome (whose timings may have grown since staging: the state
    /// commit); returns every file name. Each file is replaced whole; should a rename fail,
    /// the files before it are new, the rest stay last night's, and the staged rest is removed.
    /// - Parameter runSeconds: the run's wall-clock time for `metrics.prom` (default: the sum
    ///   of the stage timings).
    @discardableResult
    public func publish(_ staged: StagedReports, runSeconds: Double? = nil) throws(ReportError) -> [String] {
        for (index, file) in staged.files.enumerated() {
            do throws(ReportError) {
                try file.publish()
            } catch {
                for rest in staged.files[(index + 1)...] { rest.discard() }
                throw error
            }
        }
        func path(_ name: String) -> String { (staged.directory as NSString).appendingPathComponent(name) }
        let files = staged.files.map { ($0.path as NSString).lastPathComponent } + ["summary.json", "metrics.prom"]
        // Last night's apply forms that tonight has none of: left there, they would read as
        // tonight's changes (a limit raised twice) beside an empty recommendations.csv. A
        // link's file is emptied (reports are written through links); anything that is not
        // a file (a folder of that name) is left alone, as the state is committed by now.
        for name in RecommendationApplyForm.fileNames where !files.contains(name) {
            var info = stat()
            guard lstat(path(name), &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: unlink(path(name))
            case S_IFLNK where stat(path(name), &info) == 0: try? AtomicFile.write("", to: path(name))
            default: break
            }
        }
        var summary = SummaryReport(
            asOf: outcome.asOf, result: outcome.result, configuration: outcome.configuration,
            findings: ReconciliationReport.counts(of: outcome.findings) + AnomalyReport.counts(of: outcome.anomalies),
            profiles: outcome.profiles.count, timings: outcome.timings, reportFiles: files)
        summary.recommendations = RecommendationReport.counts(of: outcome.recommendations)
        try AtomicFile.write(summary.json(calendar: calendar).rendered(pretty: true) + "\n", to: path("summary.json"))
        let seconds = runSeconds ?? outcome.timings.filter { !AuditOutcome.besideTimings.contains($0.0) }.reduce(0) { $0 + $1.1 }
        let metrics = MetricsReport(outcome: outcome, runSeconds: seconds, finishedAt: Int64(Date().timeIntervalSince1970))
        try AtomicFile.write(metrics.rendered(), to: path("metrics.prom"))
        return files
    }

    /// Whether `name` is a file `write` or `publish` may put in the reports folder.
    public static func isReportFile(_ name: String) -> Bool {
        fixedNames.contains(name) || name.hasPrefix("recommendations-")
    }

    private static let fixedNames: Set<String> = [
        "usage.csv", "usage.json", "reconciliation.csv", "reconciliation.json", "anomalies.csv", "anomalies.json",
        "recommendations.csv", "recommendations.json", "report.html", "summary.json", "metrics.prom",
    ]

    /// The recommendations in the apply form of the profile store's system (SQL for the
    /// gazetteer or the long table, set-quota bodies for the chat service, …), for review.
    /// Written only when a store was audited and something is to change.
    public var applyForms: [RecommendationApplyFile] {
        // Only changes with a limit to set (not keep, not review) go into a form.
        guard outcome.profileLayout != nil, outcome.recommendations.contains(where: { $0.action != .keep && $0.recommendedLimit != nil })
        else { return [] }
        return RecommendationApplyForm.files(
            for: outcome.recommendations, layoutName: outcome.profileLayout, limits: outcome.limits,
            asOf: outcome.asOf, calendar: calendar,
            tables: outcome.profileTable.map { FixSQLLayout.defaulted(layoutName: outcome.profileLayout, table: $0) })
    }
}
