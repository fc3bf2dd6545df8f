import Foundation
import Testing
@testable import UsageAudit

/// The streamed usage report (`UsageReport.write`, used for usage.csv and usage.json) is
/// byte for byte the table rendered cell by cell (`OutputFormat.render`), for any text.
@Suite("UsageReportWriter")
struct UsageReportWriterTests {
    private static let configuration = """
        [[scope]]
        name = "geo"
        paths = ["/geo"]
        [[quota]]
        scope = "all"
        period = "day"
        default = 5000
        [[quota]]
        scope = "geo"
        period = "month@15"
        default = 10
        hard = false
        block_price = 12.5
        [[quota]]
        scope = "geo"
        period = "30d"
        anchor = "2024-10-01"
        default = 700
        [[quota]]
        scope = "geo"
        period = "30d"
        anchor = "2024-10-11"
        default = 900
        """

    /// Rows with awkward text: separators, quotes, line breaks, formula triggers, control
    /// characters, `<`, non-ASCII, empty names; overage with and without a price.
    private func rows(seed: UInt64) -> [UsageRow] {
        var random = SeededRandom(seed: seed)
        let names = [
            "alice", "bob,the builder", "\"quoted\"", "line\nbreak", "cr\rlf", "=SUM(A1)", "+1", "-minus", "@at",
            "\ttab", "ctrl\u{01}x", "<script>", "zoë", "日本", "", "back\\slash", "a'b",
        ]
        var result: [UsageRow] = []
        for name in names {
            // Two quotas' 30d windows (the same name, other anchors and defaults) and a
            // third anchor (as a user's dated profile frames one): the cells of one period
            // name, rendered once, and each row's limit as the resolver gives it.
            let windows: [Period] = [19_997, 20_007, 20_017].map { .days(30, anchor: LocalDay(number: $0)) }
            for (scope, period) in [("all", Period.day), ("all", .week), ("geo", .day), ("geo", .billingCycle(day: 15)), ("other", .day)]
                + windows.map({ ("geo", $0) })
            {
                let start = LocalDay(number: 20_000 + Int32(random.next() % 40))
                let units = Int64(random.next() % 30)
                result.append(UsageRow(
                    user: name, scope: scope, period: period, bucket: period.bucket(containing: start),
                    counts: UsageCounts(requests: units, units: units, rejected: Int64(random.next() % 3), firstSeen: 0, lastSeen: 0)))
            }
        }
        return result
    }

    @Test("CSV and JSON streams equal the rendered table", arguments: ["UTC", "Europe/Berlin", "Asia/Kolkata"])
    func sameBytes(zone: String) throws {
        let configuration = try ConfigurationLoader.parse(text: Self.configuration)
        let timeZone = try #require(TimeZone(identifier: zone))
        for profiles in [[], [StoredProfile(user: "bob,the builder", scope: "all", period: .day, limit: .limit(3), hard: false, blockPrice: 0.5)]] {
            let report = UsageReport(rows: rows(seed: 5), limits: LimitResolver(profiles: profiles, configuration: configuration))
            let table = report.table(calendar: ZonedCalendar(timeZone: timeZone))
            for format in [OutputFormat.csv, .json, .jsonl] {
                var output = ReportOutput()
                report.write(format, calendar: ZonedCalendar(timeZone: timeZone), to: &output)
                #expect(output.text == format.render(table), "\(format) \(zone) profiles: \(profiles.count)")
            }
        }
    }

    @Test("an empty report")
    func empty() throws {
        let configuration = try ConfigurationLoader.parse(text: Self.configuration)
        let report = UsageReport(rows: [], limits: LimitResolver(profiles: [], configuration: configuration))
        let table = report.table(calendar: ZonedCalendar(timeZone: TimeZone(identifier: "UTC")!))
        for format in [OutputFormat.csv, .json] {
            var output = ReportOutput()
            report.write(format, calendar: ZonedCalendar(timeZone: TimeZone(identifier: "UTC")!), to: &output)
            #expect(output.text == format.render(table))
        }
        #expect(OutputFormat.json.render(table) == "[]\n")
    }

    @Test("files written atomically hold the table's bytes")
    func files() throws {
        let folder = try TemporaryFolder()
        let configuration = try ConfigurationLoader.parse(text: Self.configuration)
        let report = UsageReport(rows: rows(seed: 9), limits: LimitResolver(profiles: [], configuration: configuration))
        let zone = TimeZone(identifier: "Europe/Berlin")!
        try report.write(.csv, toFile: folder.path + "/u.csv", timeZone: zone)
        try report.write(.json, toFile: folder.path + "/u.json", timeZone: zone)
        let table = report.table(calendar: ZonedCalendar(timeZone: zone))
        #expect(try String(contentsOfFile: folder.path + "/u.csv", encoding: .utf8) == OutputFormat.csv.render(table))
        #expect(try String(contentsOfFile: folder.path + "/u.json", encoding: .utf8) == OutputFormat.json.render(table))
    }

    @Test("integers are written as String(_:) writes them", arguments: [
        Int64.min, Int64.min + 1, -1_000_000, -10, -9, -1, 0, 1, 9, 10, 99, 100, 12_345, Int64.max - 1, Int64.max,
    ])
    func integers(value: Int64) {
        var output = ReportOutput()
        output.append(value)
        #expect(output.text == String(value))
    }
}
