import Foundation
import Testing
@testable import UsageAudit

/// The real access logs collected in /work/shared/realdata (not part of the repository:
/// their licences do not allow it). The suite is skipped where the folder is absent.
private let realDataRoot = "/work/shared/realdata"

@Suite("Template formats on real logs", .enabled(if: FileManager.default.fileExists(atPath: realDataRoot)))
struct RealLogTemplateTests {
    static let root = realDataRoot

    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let format: String
        let timeZone: String
        /// The year of the first line, to check that times are read rather than skipped.
        let firstYear: Int
        var testDescription: String { file }
    }

    static let nginxCombined =
        #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent""#
    static let netneaCombinedExtended =
        #"%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %v %A %p %R %{BALANCER_WORKER_ROUTE}e %X "%{cookie}n" "#
        + #"%{UNIQUE_ID}e %I %O %{ratio}n%% %D %{ModSecTimeIn}e %{ApplicationTime}e %{ModSecTimeOut}e "#
        + #"%{ModSecAnomalyScoreIn}e %{ModSecAnomalyScore}e"#

    static let cases: [Case] = [
        Case(file: "elastic-apache/apache_logs.gz", format: "combined", timeZone: "UTC", firstYear: 2015),
        Case(file: "nasa-aug95-sample/nasa.log.gz", format: "common", timeZone: "UTC", firstYear: 1995),
        Case(file: "netnea-apache-labor/labor-04-example-access.log.gz", format: ApacheTemplateTests.netneaExtended,
             timeZone: "Europe/Zurich", firstYear: 2015),
        Case(file: "netnea-apache-labor/labor-06_access_10000.log.gz", format: netneaCombinedExtended, timeZone: "UTC", firstYear: 2013),
        Case(file: "netnea-apache-labor/labor-07-example-access.log.gz", format: ApacheTemplateTests.netneaExtended,
             timeZone: "Europe/Zurich", firstYear: 2015),
        Case(file: "timefyi-api-nginx/nginx-access.log.gz", format: nginxCombined, timeZone: "UTC", firstYear: 2024),
        Case(file: "wordpress-nginx-hackathon/access.log.gz", format: "combined", timeZone: "UTC", firstYear: 2025),
        Case(file: "aws-elb-classic-api/elb.log.gz", format: "elb", timeZone: "UTC", firstYear: 2015),
        Case(file: "zanbil-lnav-sample/logfile_shop_access_log.0", format: nginxCombined + #" "$http_x_forwarded_for""#,
             timeZone: "UTC", firstYear: 2019),
    ]

    @Test("at least 99.9% of the lines of each real log parse", arguments: cases)
    func parseRate(_ testCase: Case) throws {
        let lines = try Self.lines(of: "\(Self.root)/\(testCase.file)")
        var harness = try TemplateHarness(testCase.format, timeZone: testCase.timeZone)
        var parsed = 0
        var firstYear: Int?
        var firstHint: String?
        var withPath = 0
        for line in lines {
            let result = line.withUnsafeBufferPointer { harness.parser.parse($0, into: &harness.record) }
            switch result {
            case .parsed:
                parsed += 1
                if harness.record.path.count > 0 { withPath += 1 }
                if firstYear == nil {
                    firstYear = LocalDay(number: Int32(harness.record.timestamp / 86_400)).date.year
                }
            case .malformed(let hint):
                if firstHint == nil { firstHint = hint }
            case .ignored:
                break
            }
        }
        let rate = Double(parsed) / Double(max(lines.count, 1))
        #expect(lines.count >= 1000)
        #expect(rate >= 0.999, "\(testCase.file): \(parsed)/\(lines.count) parsed; first hint: \(firstHint ?? "none")")
        #expect(firstYear == testCase.firstYear)
        #expect(Double(withPath) >= 0.99 * Double(parsed), "\(testCase.file): only \(withPath) lines with a path")
    }

    /// The lines of `path` without terminators, gunzipped when the file starts with the gzip magic.
    static func lines(of path: String) throws -> [[UInt8]] {
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        if data.starts(with: [0x1F, 0x8B]) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
            process.arguments = ["-dc", path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
        }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}
