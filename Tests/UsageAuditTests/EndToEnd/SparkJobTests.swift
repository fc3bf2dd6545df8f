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
    @Test("a configuration that names a keys file without --keys is refused before Spark starts, exit 2")
    func keysFileIsRequired() throws {
        let python = try #require(PySpark.python, "USAGE_AUDIT_REQUIRE_SPARK=1 but no PySpark: scripts/install-deps --test installs it")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.currentDirectoryURL = try RepositoryLayout.requireRoot()
        process.arguments = [
            "scripts/spark-audit.py", "--binary", try AuditBinary.location().path, "--config", "samples/config.toml", "--",
            "count", "samples/logs",
        ]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("names the keys file keys.csv: give it with --keys"), "\(message)")
    }

    @Test("three Spark tasks, one merge and one run give the golden reports of the samples")
    func samplesOnSpark() throws {
        let python = try #require(PySpark.python, "USAGE_AUDIT_REQUIRE_SPARK=1 but no PySpark: scripts/install-deps --test installs it")
        let root = try RepositoryLayout.requireRoot()
        let folder = try EndToEndFolder(prefix: "spark")
        defer { folder.remove() }
        let out = folder.file("out")
        // The sample logs, two of them in a subfolder whose name has a space: read recursively.
        let logs = folder.file("logs")
        let nested = logs.appendingPathComponent("sub dir")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        let samples = root.appendingPathComponent("samples/logs")
        for (index, name) in try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted().enumerated() {
            let target = (index < 2 ? nested : logs).appendingPathComponent(name)
            try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: target)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.currentDirectoryURL = root
        process.arguments = [
            "scripts/spark-audit.py", "--master", "local[2]", "--binary", try AuditBinary.location().path,
            "--config", "samples/config.toml", "--keys", "samples/keys.csv", "--tasks", "3", "--",
            "run", "--out", out.path, "--profiles", "samples/profiles.csv", "--include-keep",
            "--state", folder.file("state.sqlite").path, logs.path,
        ]
        let log = folder.file("spark.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
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
