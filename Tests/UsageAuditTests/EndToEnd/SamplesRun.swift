import Foundation

/// `usage-audit run --config samples/config.toml --profiles samples/profiles.csv --include-keep --out <tmp> samples/logs`
/// (what `scripts/run-samples` runs), from the
/// repository root, with every report file read into memory (the folder is removed).
///
/// `shared` runs it once for all tests that only read the reports.
struct SamplesRun: Sendable {
    static let arguments = [
        "run", "--config", "samples/config.toml", "--profiles", "samples/profiles.csv", "--include-keep", "--out", "<out>",
        "samples/logs",
    ]

    let run: CommandRun
    /// File name → contents, for every file the run left in `--out` (hidden ones included).
    let files: [String: Data]

    static let shared: Result<SamplesRun, EndToEndFailure> = Result {
        try SamplesRun()
    }.mapError { $0 as? EndToEndFailure ?? EndToEndFailure("\($0)") }

    /// Runs the samples now.
    init() throws {
        let folder = try EndToEndFolder(prefix: "samples")
        defer { folder.remove() }
        let out = folder.file("out")
        run = try AuditBinary.run(Self.arguments.map { $0 == "<out>" ? out.path : $0 })
        var files: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? [] {
            files[name] = try Data(contentsOf: out.appendingPathComponent(name))
        }
        self.files = files
    }

    /// The text of report `name`.
    func text(_ name: String) throws -> String {
        guard let data = files[name] else {
            throw EndToEndFailure("the sample run wrote no \(name) (it wrote \(files.keys.sorted())); \(run.summary)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `metrics.prom` without the samples of the run's duration and finishing time.
    static func metricsWithoutTimings(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self).split(separator: "\n")
            .filter { !$0.hasPrefix("usage_audit_run_duration_seconds ") && !$0.hasPrefix("usage_audit_last_success_timestamp_seconds ") }
            .joined(separator: "\n")
    }

    /// `summary.json` without its `timings` object: the part two runs must agree on.
    static func summaryWithoutTimings(_ data: Data) throws -> String {
        var object = try JSONFile.object(data, name: "summary.json")
        object.removeValue(forKey: "timings")
        return try JSONFile.canonical(object)
    }
}
