import Foundation
import Logging
@testable import UsageAudit

/// Log files for pipeline tests, written into a temporary folder, plain or gzipped.
struct PipelineFixture {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder("pipeline")
    }

    /// A logger that drops everything (damage warnings would clutter test output).
    static let silentLogger = Logger(label: "usage-audit.tests") { _ in SwiftLogNoOpLogHandler() }

    /// A combined-format line.
    static func combinedLine(
        address: String = "10.0.0.1", user: String = "-", time: String = "21/Nov/2026:10:00:00 +0000",
        request: String = "GET /api/v1/geocode HTTP/1.1", status: Int = 200
    ) -> String {
        #"\#(address) - \#(user) [\#(time)] "\#(request)" \#(status) 512 "-" "curl/8.5""#
    }

    /// `count` requests of `user` on 2026-11-`day`, one per second from 10:00 + `start` s
    /// (the minutes wrap within the hour).
    static func requestLines(_ user: String, day: Int, count: Int, from start: Int = 0) -> [String] {
        (start..<(start + count)).map { second in
            combinedLine(user: user, time: String(format: "%02d/Nov/2026:10:%02d:%02d +0000", day, second / 60 % 60, second % 60))
        }
    }

    /// Writes `lines` (each followed by a newline) as plain text and returns the input.
    @discardableResult
    func plain(_ name: String, _ lines: [String]) throws -> InputSource {
        .file(path: try folder.write(lines.map { $0 + "\n" }.joined(), to: name))
    }

    /// Writes `lines` gzipped by `/usr/bin/gzip` and returns the input.
    @discardableResult
    func gzipped(_ name: String, _ lines: [String]) throws -> InputSource {
        let plainPath = try folder.write(lines.map { $0 + "\n" }.joined(), to: name + ".source")
        let target = folder.file(name)
        try Self.gzip(plainPath, to: target)
        try FileManager.default.removeItem(atPath: plainPath)
        return .file(path: target)
    }

    /// Runs `/usr/bin/gzip -c source > target`.
    static func gzip(_ source: String, to target: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-c", "-n", source]
        guard FileManager.default.createFile(atPath: target, contents: nil),
              let output = FileHandle(forWritingAtPath: target) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? output.close() }
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// The bytes of the file at `path`.
    func bytes(of input: InputSource) throws -> [UInt8] {
        guard case .file(let path) = input, let data = FileManager.default.contents(atPath: path) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        return Array(data)
    }

    /// The plan for `configuration` text with no key directory.
    static func plan(_ configuration: String = "") throws -> CountingPlan {
        try CountingPlan(configuration: ConfigurationLoader.parse(text: configuration), keys: KeyDirectory())
    }

    /// Counts `inputs` with `workers` workers.
    static func count(_ inputs: [InputSource], plan: CountingPlan, workers: Int = 1) throws -> CountResult {
        try UsageCounting(plan: plan, workers: workers).count(inputs, logger: silentLogger)
    }
}
