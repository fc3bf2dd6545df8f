import Foundation
import Testing

/// `scripts/spark-audit.py`, the documented way to run usage-audit on a Spark cluster
/// (DESIGN §9), in Spark's local mode on the samples: three tasks count their share of the
/// logs with `partial`, the driver merges them and runs `run --partial`; the reports are the
/// golden ones. Skipped where PySpark is not installed (`scripts/install-deps --test` puts it
/// in `.build/pyspark`), unless `USAGE_AUDIT_REQUIRE_SPARK=1` (CI) says it must run.
@Suite(
    "scripts/spark-audit.py in Spark's local mode",
    .enabled(if: PySpark.python != nil || PySpark.isRequired, "PySpark is not installed (scripts/install-deps --test)")
)
struct SparkJobTests {
    @Test("three Spark tasks, one merge and one run give the golden reports of the samples")
    func samplesOnSpark() throws {
        let python = try #require(PySpark.python, "USAGE_AUDIT_REQUIRE_SPARK=1 but no PySpark: scripts/install-deps --test installs it")
        let root = try RepositoryLayout.requireRoot()
        let folder = try EndToEndFolder(prefix: "spark")
        defer { folder.remove() }
        let out = folder.file("out")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.currentDirectoryURL = root
        process.arguments = [
            "scripts/spark-audit.py", "--master", "local[2]", "--binary", try AuditBinary.location().path,
            "--config", "samples/config.toml", "--keys", "samples/keys.csv", "--tasks", "3", "--",
            "run", "--out", out.path, "--profiles", "samples/profiles.csv", "--include-keep",
            "--state", folder.file("state.sqlite").path, root.appendingPathComponent("samples/logs").path,
        ]
        let log = folder.file("spark.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try #require(process.terminationStatus == 0, "scripts/spark-audit.py exited \(process.terminationStatus):\n\(output.suffix(4000))")
        // Three tasks ran, each writing a partial.
        #expect(output.contains("spark-audit: 3 task(s) counted the logs into partials"), "\(output.suffix(2000))")
        let golden = try RepositoryLayout.goldenReports()
        for name in try FileManager.default.contentsOfDirectory(atPath: golden.path) {
            let data = try Data(contentsOf: out.appendingPathComponent(name))
            let expected = try Data(contentsOf: golden.appendingPathComponent(name))
            switch name {
            case "summary.json":
                // The tasks name the logs by their paths on the executors: only the totals compare.
                let totals = { (data: Data) throws -> String in
                    let object = try JSONFile.object(data, name: name)
                    return try JSONFile.canonical(["totals": object["totals"] as Any, "findings": object["findings"] as Any])
                }
                #expect(try totals(data) == totals(expected))
            case "metrics.prom", "report.html":
                continue
            default:
                #expect(data == expected, "\(name) differs from reports/\(name)")
            }
        }
    }
}
