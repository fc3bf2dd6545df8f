import Foundation
import Testing
@testable import UsageAudit

@Suite("Staged reports")
struct StagedReportsTests {
    private static let names = [
        "anomalies.csv", "anomalies.json", "metrics.prom", "recommendations.csv", "recommendations.json",
        "reconciliation.csv", "reconciliation.json", "report.html", "summary.json", "usage.csv", "usage.json",
    ]

    /// The folder with last night's reports in it (every file says "old").
    private func lastNight() throws -> TemporaryFolder {
        let folder = try TemporaryFolder("staged")
        for name in Self.names { try AtomicFile.write("old\n", to: folder.file(name)) }
        return folder
    }

    private func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test("staged reports leave last night's in place until published; the summary has the timings of publishing")
    func publish() throws {
        let folder = try lastNight()
        var outcome = try SummaryReportTests.outcome()
        let staged = try ReportSet(outcome: outcome).stage(in: folder.path)
        #expect(staged.files.map { ($0.path as NSString).lastPathComponent } == [
            "usage.csv", "usage.json", "reconciliation.csv", "reconciliation.json", "anomalies.csv", "anomalies.json",
            "recommendations.csv", "recommendations.json", "report.html",
        ])
        for name in Self.names { #expect(try read(folder.file(name)) == "old\n", "\(name)") }
        #expect(try folder.entries().count == Self.names.count + staged.files.count)
        // What the run learns after staging (the state commit's timings) reaches the summary.
        outcome.timings.append((AuditOutcome.stateCommitTiming, 0.5))
        let files = try ReportSet(outcome: outcome).publish(staged)
        #expect(files.sorted() == Self.names)
        // What `run` cleans up after a killed run covers every file a report set writes.
        #expect(files.allSatisfy(ReportSet.isReportFile))
        #expect(try folder.entries() == Self.names)
        #expect(try read(folder.file("usage.csv")).hasPrefix("user,scope,period"))
        #expect(try read(folder.file("summary.json")).contains("\"state_commit_seconds\": 0.5"))
    }

    @Test("last night's apply forms go when tonight has none: they would read as tonight's changes; other files stay")
    func staleApplyForms() throws {
        let folder = try lastNight()
        let applyForms = ["recommendations-long.sql", "recommendations-whg.sql", "recommendations-carto.rb"]
        for name in applyForms + ["recommendations-notes.txt"] { try AtomicFile.write("old\n", to: folder.file(name)) }
        let report = ReportSet(outcome: try SummaryReportTests.outcome())
        #expect(report.applyForms.isEmpty)
        let files = try report.publish(try report.stage(in: folder.path))
        #expect(files.sorted() == Self.names)
        #expect(try folder.entries() == (Self.names + ["recommendations-notes.txt"]).sorted())
        // A link's file is emptied, the link kept; a folder of that name is left alone.
        let reviewed = try TemporaryFolder("reviewed")
        try AtomicFile.write("UPDATE …;\n", to: reviewed.file("long.sql"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("recommendations-long.sql"), withDestinationPath: reviewed.file("long.sql"))
        try FileManager.default.createDirectory(atPath: folder.file("recommendations-whg.sql"), withIntermediateDirectories: false)
        _ = try report.publish(try report.stage(in: folder.path))
        #expect(try read(reviewed.file("long.sql")) == "")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("recommendations-long.sql")) == reviewed.file("long.sql"))
        #expect(FileManager.default.fileExists(atPath: folder.file("recommendations-whg.sql")))
    }

    @Test("a night whose only advice is review (or keep) writes no apply form: nothing has a limit to set")
    func reviewOnlyWritesNoApplyForm() throws {
        var outcome = try SummaryReportTests.outcome()
        outcome.profileLayout = "long"
        outcome.recommendations = [
            Recommendation(user: "acme", scope: "all", period: .month, currentLimit: 1000, recommendedLimit: nil, action: .review, reason: "past"),
            Recommendation(user: "ben", scope: "all", period: .day, currentLimit: 10, recommendedLimit: nil, action: .keep, reason: "fits"),
        ]
        #expect(ReportSet(outcome: outcome).applyForms.isEmpty)
        outcome.recommendations.append(
            Recommendation(user: "cid", scope: "all", period: .day, currentLimit: 10, recommendedLimit: 20, action: .raise, reason: "more"))
        #expect(ReportSet(outcome: outcome).applyForms.map(\.name) == ["recommendations-long.sql"])
    }

    @Test("discarded reports leave last night's in place and no temporary file")
    func discard() throws {
        let folder = try lastNight()
        let staged = try ReportSet(outcome: SummaryReportTests.outcome()).stage(in: folder.path)
        staged.discard()
        #expect(try folder.entries() == Self.names)
        for name in Self.names { #expect(try read(folder.file(name)) == "old\n", "\(name)") }
    }

    @Test("a report that cannot be written fails the staging whole: nothing new in place, nothing left behind")
    func failure() throws {
        let folder = try lastNight()
        // A folder where anomalies.csv's temporary file would go makes that report fail.
        let blocker = folder.file(".anomalies.csv.tmp-\(getpid())")
        try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: false)
        #expect {
            _ = try ReportSet(outcome: SummaryReportTests.outcome()).stage(in: folder.path)
        } throws: { error in
            guard case ReportError.cannotWrite(let path, _) = error else { return false }
            return path.hasSuffix("/anomalies.csv")
        }
        try FileManager.default.removeItem(atPath: blocker)
        #expect(try folder.entries() == Self.names)
        for name in Self.names { #expect(try read(folder.file(name)) == "old\n", "\(name)") }
    }
}
