import Foundation

/// Headless Chromium for the `report.html` tests: where it is, whether CI requires it, and
/// `scripts/check-report-html` run on a page.
enum HeadlessChromium {
    static var isRequired: Bool { ProcessInfo.processInfo.environment["USAGE_AUDIT_REQUIRE_CHROMIUM"] == "1" }

    /// The first of `chromium`, `chromium-browser`, `google-chrome` on PATH.
    static let browser: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }()

    /// Runs `scripts/check-report-html page [screenshot]`: its status and what it wrote.
    static func check(_ page: String, screenshot: Bool = false) throws -> (status: Int32, output: String, screenshot: Data?) {
        let folder = try TemporaryFolder("report-html")
        let file = try folder.write(page, to: "report.html")
        let script = try HTMLReportSampleTests.repositoryRoot().appendingPathComponent("scripts/check-report-html").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = [file] + (screenshot ? [folder.file("report.png")] : [])
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let image = screenshot ? FileManager.default.contents(atPath: folder.file("report.png")) : nil
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), image)
    }
}
