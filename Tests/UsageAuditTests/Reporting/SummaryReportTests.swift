import Foundation
import Testing
@testable import UsageAudit

@Suite("SummaryReport and ReportSet")
struct SummaryReportTests {
    private static func statistics(path: String, lines: Int64, first: Int64?, last: Int64?, error: String? = nil) -> InputStatistics {
        var statistics = InputStatistics(path: path)
        statistics.bytes = lines * 100
        statistics.lines = lines
        statistics.parsed = lines - 1
        statistics.malformed = 1
        statistics.requests = lines - 1
        statistics.units = 2 * (lines - 1)
        statistics.first = first
        statistics.last = last
        statistics.error = error
        let junk = Array("not a log line".utf8)
        junk.withUnsafeBufferPointer { statistics.recordMalformed(line: 3, bytes: $0, reason: "no request", redactor: SecretRedactor(identity: IdentitySettings())) }
        statistics.malformed = 1
        return statistics
    }

    static func outcome(zone: String = "Europe/Berlin") throws -> AuditOutcome {
        let configuration = try ConfigurationLoader.parse(text: "timezone = \"\(zone)\"\n[[quota]]\nperiod = \"day\"\ndefault = 10")
        var aggregate = UsageAggregate()
        let day = LocalDay(CivilDate(year: 2026, month: 11, day: 20))
        aggregate.add(UsageCounts(requests: 3, units: 6, rejected: 0, firstSeen: 1, lastSeen: 2), user: "alice", scope: 0, day: day)
        let result = CountResult(aggregate: aggregate, inputs: [
            statistics(path: "a.log", lines: 3, first: 1_795_132_800, last: 1_795_136_000),
            statistics(path: "b.log.gz", lines: 2, first: 1_795_126_000, last: 1_795_135_000, error: "b.log.gz: gzip data is truncated"),
        ])
        let rows = PeriodRollup(configuration: configuration).rows(of: aggregate)
        return AuditOutcome(configuration: configuration, result: result, asOf: 1_795_219_200, usageRows: UsageRows(rows), timings: [("count_seconds", 0.25)])
    }

    private func object(_ value: JSONValue) throws -> [String: Any] {
        let text = value.rendered(pretty: true)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("summary.json holds as_of, timezone, totals and one object per input")
    func summary() throws {
        let outcome = try Self.outcome()
        let calendar = ZonedCalendar(timeZone: outcome.configuration.timeZone)
        let summary = SummaryReport(
            asOf: outcome.asOf, result: outcome.result, configuration: outcome.configuration,
            findings: [("drift", 2)], timings: outcome.timings, reportFiles: ["usage.csv"])
        let json = try object(summary.json(calendar: calendar))
        #expect(json["as_of"] as? String == "2026-11-21T01:00:00+01:00")
        #expect(json["timezone"] as? String == "Europe/Berlin")
        let totals = try #require(json["totals"] as? [String: Any])
        for key in ["lines", "parsed", "malformed", "unattributed", "excluded", "requests", "units"] {
            #expect(totals[key] is NSNumber, "totals.\(key)")
        }
        #expect(totals["lines"] as? Int == 5)
        #expect(totals["parsed"] as? Int == 3)
        #expect(totals["malformed"] as? Int == 2)
        #expect(totals["units"] as? Int == 6)
        #expect(totals["users"] as? Int == 1)
        #expect(totals["damaged_inputs"] as? Int == 1)
        #expect(totals["first"] as? String == ZonedCalendar(timeZone: outcome.configuration.timeZone).rfc3339(1_795_126_000))
        let inputs = try #require(json["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["path"] as? String } == ["a.log", "b.log.gz"])
        for key in ["path", "bytes", "lines", "parsed", "malformed", "first", "last", "error", "malformed_samples"] {
            #expect(inputs[0][key] != nil, "inputs[0].\(key)")
        }
        #expect(inputs[0]["error"] is NSNull)
        #expect(inputs[1]["error"] as? String == "b.log.gz: gzip data is truncated")
        let samples = try #require(inputs[0]["malformed_samples"] as? [[String: Any]])
        #expect(samples.count == 1)
        #expect(samples[0]["file"] as? String == "a.log")
        #expect(samples[0]["line"] as? Int == 3)
        #expect(samples[0]["text"] as? String == "not a log line")
        #expect((json["findings"] as? [String: Any])?["drift"] as? Int == 2)
        #expect(json["reports"] as? [String] == ["usage.csv"])
    }

    @Test("summary.json keys come in a fixed order")
    func keyOrder() throws {
        let outcome = try Self.outcome()
        let text = SummaryReport(asOf: outcome.asOf, result: outcome.result, configuration: outcome.configuration)
            .json(calendar: ZonedCalendar(timeZone: outcome.configuration.timeZone)).rendered(pretty: false)
        let keys = ["\"as_of\"", "\"timezone\"", "\"totals\"", "\"findings\"", "\"inputs\"", "\"reports\"", "\"timings\""]
        let positions = try keys.map { try #require(text.range(of: $0)).lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test("summary.json names the zone as the configuration writes it")
    func utcName() throws {
        let outcome = try Self.outcome(zone: "UTC")
        let json = try object(SummaryReport(asOf: 0, result: outcome.result, configuration: outcome.configuration)
            .json(calendar: ZonedCalendar(timeZone: outcome.configuration.timeZone)))
        #expect(json["timezone"] as? String == "UTC")
    }

    @Test("ReportSet writes usage, reconciliation and summary reports atomically into a new folder")
    func reportSet() throws {
        let folder = try TemporaryFolder("reports")
        let outcome = try Self.outcome()
        let directory = folder.file("out/nightly")
        let files = try ReportSet(outcome: outcome).write(to: directory)
        #expect(files.contains("usage.csv"))
        #expect(files.contains("usage.json"))
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(entries == [
            "anomalies.csv", "anomalies.json", "metrics.prom", "recommendations.csv", "recommendations.json",
            "reconciliation.csv", "reconciliation.json", "report.html", "summary.json", "usage.csv", "usage.json",
        ])
        let csv = try String(contentsOfFile: directory + "/usage.csv", encoding: .utf8)
        #expect(csv == """
            user,scope,period,period_start,period_end,requests,units,rejected,limit,remaining,overage,overage_cost
            alice,all,day,2026-11-20T00:00:00+01:00,2026-11-21T00:00:00+01:00,3,6,0,10,4,,
            alice,other,day,2026-11-20T00:00:00+01:00,2026-11-21T00:00:00+01:00,3,6,0,,,,

            """)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/usage.json"))) as? [[String: Any]]
        #expect(json?.count == 2)
        #expect(json?.first?["remaining"] as? Int == 4)
        #expect(json?.last?["limit"] is NSNull)
        // Writing again replaces the files and leaves nothing else.
        try ReportSet(outcome: outcome).write(to: directory)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == entries)
    }
}
