import Foundation
import Logging
import Testing
@testable import UsageAudit

/// `report.html` of the bundled samples (`samples/`, audited with `samples/profiles.csv`,
/// as `scripts/run-samples` does): every section is filled from real findings.
///
/// Set `USAGE_AUDIT_HTML_OUT=/path/report.html` to keep the page (for
/// `scripts/check-report-html` and the screenshot in `docs/`).
@Suite("HTMLReport of the samples")
struct HTMLReportSampleTests {
    /// The repository root: the folder above this file (links resolved) with `samples/`.
    static func repositoryRoot() throws -> URL {
        var path = #filePath
        if let resolved = realpath(#filePath, nil) {
            path = String(cString: resolved)
            free(resolved)
        }
        var folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("samples/config.toml").path) { return folder }
            folder.deleteLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile)
    }

    /// The audit of the samples, with paths shown relative to the repository as a run from
    /// its root shows them.
    static func samplesOutcome() throws -> AuditOutcome {
        let root = try repositoryRoot()
        let samples = root.appendingPathComponent("samples")
        let configuration = try ConfigurationLoader.load(path: samples.appendingPathComponent("config.toml").path)
        let context = ProfileReadContext(
            timeZone: configuration.timeZone, quotaPeriods: configuration.quotas.map { ($0.scope, $0.period) })
        let stored = try ProfileStore.loadNamingLayout(samples.appendingPathComponent("profiles.csv").path, context: context)
        let inputs = try InputExpander().expand([samples.appendingPathComponent("logs").path])
        let logger = Logger(label: "usage-audit.tests") { _ in SwiftLogNoOpLogHandler() }
        var outcome = try Audit(configuration: configuration).run(
            inputs: inputs, asOf: nil, profiles: stored.profiles, includeKeep: true, workers: 2, logger: logger)
        outcome.profileLayout = stored.layout
        let prefix = root.path + "/"
        func relative(_ path: String) -> String { path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path }
        for index in outcome.result.inputs.indices {
            outcome.result.inputs[index].path = relative(outcome.result.inputs[index].path)
            for sample in outcome.result.inputs[index].malformedSamples.indices {
                outcome.result.inputs[index].malformedSamples[sample].file = relative(outcome.result.inputs[index].malformedSamples[sample].file)
            }
        }
        return outcome
    }

    @Test("every section of the samples' page is filled from real findings")
    func samplesPage() throws {
        let outcome = try Self.samplesOutcome()
        #expect(!outcome.anomalies.isEmpty && !outcome.findings.isEmpty && !outcome.recommendations.isEmpty)
        let page = HTMLReport(outcome: outcome).rendered()
        if let out = ProcessInfo.processInfo.environment["USAGE_AUDIT_HTML_OUT"], !out.isEmpty {
            try page.write(toFile: out, atomically: true, encoding: .utf8)
        }
        #expect(!page.contains(#"class="empty""#))
        let lines = HTMLNumber.grouped(outcome.result.totals.lines)
        #expect(page.contains(#"<span class="value">\#(lines)</span><span class="label">lines read</span>"#))
        let days = outcome.window.days
        #expect(page.contains("window <strong>\(days.first!) – \(days.last!)</strong> (\(days.count) days)"))
        let rows = { (table: String) -> Int in
            guard let start = page.range(of: #"id="\#(table)">"#), let end = page[start.upperBound...].range(of: "</table>") else { return -1 }
            return page[start.upperBound..<end.lowerBound].components(separatedBy: "<tr").count - 2
        }
        #expect(rows("anomalies-table") == outcome.anomalies.count)
        #expect(rows("reconciliation-table") == outcome.findings.count)
        let changes = outcome.recommendations.filter { $0.action != .keep }.count
        #expect(rows("recommendations-table") == changes)
        #expect(rows("keep-table") == outcome.recommendations.count - changes)
        #expect(rows("inputs-table") == outcome.result.inputs.count)
        // Every chart has a point per day of the last 8 weeks (or of the whole history when shorter).
        let range = HTMLUserCharts(outcome: outcome, users: []).range
        #expect(range.dayCount == min(HTMLUserCharts.maximumDays, Int(days.last!.number - days.first!.number) + 1))
        let paths = page.components(separatedBy: #"<path class="use-line" d=""#).dropFirst()
        #expect(paths.count == outcome.anomalies.count + outcome.findings.count + changes)
        #expect(paths.allSatisfy { $0.prefix { $0 != "\"" }.filter { $0 == "L" }.count + 1 == range.dayCount })
        // User names from the logs that CSV neutralises are escaped-or-plain text here.
        #expect(!page.contains("'=SUM"))
        #expect(page == HTMLReport(outcome: outcome).rendered())
    }
}
