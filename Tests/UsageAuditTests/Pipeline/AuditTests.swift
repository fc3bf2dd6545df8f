import Foundation
import Testing
@testable import UsageAudit

@Suite("Audit end to end")
struct AuditTests {
    private static let configuration = """
        timezone = "Europe/Berlin"

        [log]
        format = '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_x_api_key" $upstream_http_x_units'

        [identity]
        from = ["user", "query:api_key", "field:http_x_api_key"]
        keys = "keys.csv"
        anonymous = "ip"

        [count]
        paths = ["/api/"]

        [[scope]]
        name = "geocoding"
        paths = ["/api/v1/geocode"]

        [[scope]]
        name = "isolines"
        paths = ["/api/v1/isolines"]
        cost = "field:upstream_http_x_units"

        [[quota]]
        scope = "all"
        period = "day"
        default = 5

        [[quota]]
        scope = "isolines"
        period = "month"
        default = 2000
        hard = false
        """

    private static let plainLines = [
        // 23:30 in Berlin on the 20th.
        #"10.0.0.1 - alice [20/Nov/2026:22:30:00 +0000] "GET /api/v1/geocode?q=a HTTP/1.1" 200 10 "-" -"#,
        // 00:30 in Berlin on the 21st.
        #"10.0.0.1 - alice [20/Nov/2026:23:30:00 +0000] "GET /api/v1/geocode?q=b HTTP/1.1" 200 10 "-" -"#,
        #"10.0.0.2 - - [21/Nov/2026:08:00:00 +0000] "GET /api/v1/isolines?api_key=K-ALICE HTTP/1.1" 200 10 "-" 7"#,
        #"10.0.0.3 - - [21/Nov/2026:08:00:00 +0000] "GET /api/v1/isolines HTTP/1.1" 200 10 "K-ALICE" 3"#,
        #"10.0.0.4:5555 - - [21/Nov/2026:09:00:00 +0000] "GET /api/v1/other HTTP/1.1" 200 10 "-" -"#,
        #"10.0.0.5 - bob [21/Nov/2026:09:00:00 +0000] "GET /api/v1/geocode HTTP/1.1" 429 0 "-" -"#,
        #"10.0.0.5 - bob [21/Nov/2026:09:00:00 +0000] "GET /health HTTP/1.1" 200 0 "-" -"#,
        #"10.0.0.6 - - [21/Nov/2026:09:30:00 +0000] "GET /api/v1/geocode?api_key=sk_live_SECRET123 HTTP/1.1" 200 10 "-" -"#,
        "garbage line",
    ]

    private static let gzippedLines = [
        #"10.0.0.1 - alice [21/Nov/2026:12:00:00 +0000] "POST /api/v1/isolines HTTP/1.1" 200 10 "-" 100"#,
        // 00:30 in Berlin on the 22nd: the latest request.
        #"10.0.0.7 - carol [21/Nov/2026:23:30:00 +0000] "GET /api/v1/geocode HTTP/1.1" 200 10 "-" -"#,
    ]

    private static let expectedUsage = """
        user,scope,period,period_start,period_end,requests,units,rejected,limit,remaining,overage,overage_cost
        alice,all,day,2026-11-20T00:00:00+01:00,2026-11-21T00:00:00+01:00,1,1,0,5,4,,
        alice,all,day,2026-11-21T00:00:00+01:00,2026-11-22T00:00:00+01:00,4,111,0,5,0,,
        alice,geocoding,day,2026-11-20T00:00:00+01:00,2026-11-21T00:00:00+01:00,1,1,0,,,,
        alice,geocoding,day,2026-11-21T00:00:00+01:00,2026-11-22T00:00:00+01:00,1,1,0,,,,
        alice,isolines,day,2026-11-21T00:00:00+01:00,2026-11-22T00:00:00+01:00,3,110,0,,,,
        alice,isolines,month,2026-11-01T00:00:00+01:00,2026-12-01T00:00:00+01:00,3,110,0,2000,1890,,
        bob,all,day,2026-11-21T00:00:00+01:00,2026-11-22T00:00:00+01:00,0,0,1,5,5,,
        bob,geocoding,day,2026-11-21T00:00:00+01:00,2026-11-22T00:00:00+01:00,0,0,1,,,,
        carol,all,day,2026-11-22T00:00:00+01:00,2026-11-23T00:00:00+01:00,1,1,0,5,4,,
        carol,geocoding,day,2026-11-22T00:00:00+01:00,2026-11-23T00:00:00+01:00,1,1,0,,,,
        ip:10.0.0.4,all,day,2026-11-21T00:00:00+01:00,2026-11-22T00:00:00+01:00,1,1,0,5,4,,
        ip:10.0.0.4,other,day,2026-11-21T00:00:00+01:00,2026-11-22T00:00:00+01:00,1,1,0,,,,
        \(MaskedKey.label("sk_live_SECRET123")),all,day,2026-11-21T00:00:00+01:00,2026-11-22T00:00:00+01:00,1,1,0,5,4,,
        \(MaskedKey.label("sk_live_SECRET123")),geocoding,day,2026-11-21T00:00:00+01:00,2026-11-22T00:00:00+01:00,1,1,0,,,,

        """

    private func prepare() throws -> (PipelineFixture, Audit, [InputSource]) {
        let fixture = try PipelineFixture()
        let configPath = try fixture.folder.write(Self.configuration, to: "audit.toml")
        try fixture.folder.write("key,user\nK-ALICE,alice\n", to: "keys.csv")
        let configuration = try ConfigurationLoader.load(path: configPath)
        let audit = try Audit(configuration: configuration)
        let inputs = [
            try fixture.plain("access.log", Self.plainLines),
            try fixture.gzipped("access.log.1.gz", Self.gzippedLines),
        ]
        return (fixture, audit, inputs)
    }

    @Test("plain and gzip inputs: attribution, scopes, costs, zones, limits, as one usage report")
    func endToEnd() throws {
        let (fixture, audit, inputs) = try prepare()
        let outcome = try audit.run(inputs: inputs, asOf: nil, workers: 2, logger: PipelineFixture.silentLogger)
        let csv = CSVRenderer.render(ReportSet(outcome: outcome).usageTable)
        #expect(csv == Self.expectedUsage)
        #expect(!outcome.hasDamage)
        // The audit moment defaults to the latest request.
        #expect(outcome.asOf == AuditMoment.parse("2026-11-21T23:30:00Z", timeZone: .gmt))
        // The full secret key appears nowhere.
        #expect(!csv.contains("SECRET"))
        _ = fixture
    }

    @Test("per-input statistics count lines, malformed, excluded, unattributed, requests and units")
    func statistics() throws {
        let (fixture, audit, inputs) = try prepare()
        let outcome = try audit.run(inputs: inputs, asOf: 0, workers: 1, logger: PipelineFixture.silentLogger)
        #expect(outcome.asOf == 0)
        let plain = outcome.result.inputs[0]
        #expect(plain.path == fixture.folder.file("access.log"))
        #expect(plain.lines == 9)
        #expect(plain.parsed == 8)
        #expect(plain.malformed == 1)
        #expect(plain.excluded == 1)
        #expect(plain.unattributed == 1)
        #expect(plain.requests == 6)
        #expect(plain.units == 14)
        #expect(plain.rejected == 1)
        #expect(plain.error == nil)
        #expect(plain.bytes == Int64(Self.plainLines.map { $0.utf8.count + 1 }.reduce(0, +)))
        #expect(plain.malformedSamples.map(\.line) == [9])
        #expect(plain.malformedSamples.first?.text == "garbage line")
        #expect(plain.first == AuditMoment.parse("2026-11-20T22:30:00Z", timeZone: .gmt))
        #expect(plain.last == AuditMoment.parse("2026-11-21T09:30:00Z", timeZone: .gmt))
        let gzipped = outcome.result.inputs[1]
        #expect(gzipped.lines == 2)
        #expect(gzipped.requests == 2)
        #expect(gzipped.units == 101)
        #expect(gzipped.bytes == Int64(try fixture.bytes(of: inputs[1]).count))
        let totals = outcome.result.totals
        #expect(totals.lines == 11)
        #expect(totals.requests == 8)
        #expect(totals.units == 115)
        #expect(outcome.result.aggregate.users.count == 5)
    }

    @Test("reports written from the outcome: usage.csv equals the table, summary.json names both inputs")
    func writesReports() throws {
        let (fixture, audit, inputs) = try prepare()
        let outcome = try audit.run(inputs: inputs, asOf: nil, workers: 1, logger: PipelineFixture.silentLogger)
        let out = fixture.folder.file("reports")
        try ReportSet(outcome: outcome).write(to: out)
        #expect(try String(contentsOfFile: out + "/usage.csv", encoding: .utf8) == Self.expectedUsage)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any]
        #expect(summary?["as_of"] as? String == "2026-11-22T00:30:00+01:00")
        #expect((summary?["inputs"] as? [[String: Any]])?.count == 2)
    }

    @Test("a missing keys file is a configuration error naming identity.keys")
    func missingKeys() throws {
        let configuration = try ConfigurationLoader.parse(text: "[identity]\nkeys = \"nope.csv\"", baseDirectory: "/no/such/folder")
        do {
            _ = try Audit(configuration: configuration)
            Issue.record("the audit was made without its keys file")
        } catch {
            guard case .configuration(.badReferencedFile(let key, let path, _)) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(key == "identity.keys")
            #expect(path == "/no/such/folder/nope.csv")
        }
    }

    @Test("a field the format does not log is a format error", arguments: [
        "[identity]\nfrom = [\"field:http_x_api_key\"]",
        "[[scope]]\nname = \"a\"\npaths = [\"/a\"]\ncost = \"field:upstream_http_x_units\"",
    ])
    func unknownField(configuration: String) throws {
        let parsed = try ConfigurationLoader.parse(text: configuration)
        do {
            _ = try Audit(configuration: parsed)
            Issue.record("the audit was made with an unknown field")
        } catch {
            guard case .format(.unknownField, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }

    @Test("an unknown log format is a format error")
    func unknownFormat() throws {
        let parsed = try ConfigurationLoader.parse(text: "[log]\nformat = \"combind\"")
        #expect(throws: AuditError.self) { _ = try Audit(configuration: parsed) }
    }

    @Test("an input that does not exist fails the run with an input error")
    func missingInput() throws {
        let audit = try Audit(configuration: ConfigurationLoader.parse(text: ""))
        do {
            _ = try audit.run(inputs: [.file(path: "/no/such/access.log")], asOf: nil, workers: 1, logger: PipelineFixture.silentLogger)
            Issue.record("the run succeeded")
        } catch {
            guard case .input(.missingFile(let path)) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == "/no/such/access.log")
        }
    }

    @Test("no inputs: no rows, no damage")
    func noInputs() throws {
        let audit = try Audit(configuration: ConfigurationLoader.parse(text: ""))
        let outcome = try audit.run(inputs: [], asOf: 42, workers: 2, logger: PipelineFixture.silentLogger)
        #expect(outcome.usageRows.isEmpty)
        #expect(outcome.result.inputs.isEmpty)
        #expect(outcome.asOf == 42)
        #expect(!outcome.hasDamage)
    }
}
