import Foundation
import Testing

/// The sample run's reports against the golden copies in `reports/`.
///
/// `RECORD_GOLDEN=1 swift test --filter GoldenReportTests` re-records them (after a change
/// that is meant to alter the reports: review the diff before committing it).
@Suite("Golden reports of the sample run")
struct GoldenReportTests {
    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    @Test("every report equals its golden copy (summary.json apart from timings)")
    func reportsEqualGoldenCopies() throws {
        let fresh = try SamplesRun.shared.get()
        #expect(fresh.run.exitCode == 0, "\(fresh.run.summary)")
        try #require(!fresh.files.isEmpty, "the sample run wrote no reports: \(fresh.run.summary)")
        let golden = try RepositoryLayout.goldenReports()
        if Self.isRecording {
            try record(fresh, into: golden)
            return
        }
        let goldenNames = (try? FileManager.default.contentsOfDirectory(atPath: golden.path).sorted()) ?? []
        try #require(!goldenNames.isEmpty, "\(golden.path) holds no golden reports: record them with RECORD_GOLDEN=1 swift test --filter GoldenReportTests")
        #expect(goldenNames == fresh.files.keys.sorted(), "report files differ from the golden set")
        for name in goldenNames {
            guard let data = fresh.files[name] else { continue }
            let expected = try Data(contentsOf: golden.appendingPathComponent(name))
            if name == "summary.json" {
                #expect(try SamplesRun.summaryWithoutTimings(data) == SamplesRun.summaryWithoutTimings(expected),
                        "summary.json (without timings) differs from reports/summary.json")
            } else if name == "metrics.prom" {
                #expect(SamplesRun.metricsWithoutTimings(data) == SamplesRun.metricsWithoutTimings(expected),
                        "metrics.prom (without run duration and time) differs from reports/metrics.prom")
            } else {
                #expect(data == expected, "\(name) differs from reports/\(name): \(Self.firstDifference(data, expected))")
            }
        }
    }

    @Test("two runs over the same input write byte-identical usage.csv and summary.json apart from timings")
    func runsAreDeterministic() throws {
        let first = try SamplesRun.shared.get()
        let second = try SamplesRun()
        #expect(second.run.exitCode == 0, "\(second.run.summary)")
        #expect(try first.text("usage.csv") == second.text("usage.csv"))
        #expect(first.files.keys.sorted() == second.files.keys.sorted())
        for (name, data) in first.files where name != "summary.json" && name != "metrics.prom" {
            #expect(data == second.files[name], "\(name) differs between two runs")
        }
        if let one = first.files["summary.json"], let two = second.files["summary.json"] {
            #expect(try SamplesRun.summaryWithoutTimings(one) == SamplesRun.summaryWithoutTimings(two))
        }
        if let one = first.files["metrics.prom"], let two = second.files["metrics.prom"] {
            #expect(SamplesRun.metricsWithoutTimings(one) == SamplesRun.metricsWithoutTimings(two))
        }
    }

    /// Replaces the golden set with `fresh`'s reports.
    private func record(_ fresh: SamplesRun, into golden: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: golden, withIntermediateDirectories: true)
        for stale in try manager.contentsOfDirectory(atPath: golden.path) where fresh.files[stale] == nil {
            try manager.removeItem(at: golden.appendingPathComponent(stale))
        }
        for (name, data) in fresh.files {
            try data.write(to: golden.appendingPathComponent(name))
        }
    }

    /// The first line on which two files differ, for the failure message.
    static func firstDifference(_ got: Data, _ expected: Data) -> String {
        let gotLines = String(decoding: got, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(gotLines.count, expectedLines.count) {
            let left = index < gotLines.count ? String(gotLines[index]) : "<end of file>"
            let right = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            if left != right { return "line \(index + 1): got \(left.prefix(300)), golden \(right.prefix(300))" }
        }
        return "same lines, different bytes"
    }
}
