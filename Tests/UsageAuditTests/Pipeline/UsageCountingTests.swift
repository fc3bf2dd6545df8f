import Foundation
import Testing
@testable import UsageAudit

@Suite("UsageCounting and InputCounter")
struct UsageCountingTests {

    private static let scopes = """
        [[scope]]
        name = "geo"
        paths = ["/api/geo"]
        [[scope]]
        name = "iso"
        paths = ["/api/iso"]
        cost = 3
        """

    private func randomLines(_ count: Int, using generator: inout SeededRandom) -> [String] {
        let users = ["alice", "bob", "carol", "-", "dave"]
        let paths = ["/api/geo", "/api/iso", "/api/x", "/health"]
        let statuses = [200, 200, 200, 404, 429, 500]
        return (0..<count).map { _ in
            let day = Int.random(in: 18...23, using: &generator)
            let hour = Int.random(in: 0...23, using: &generator)
            if Int.random(in: 0..<50, using: &generator) == 0 { return "not a log line" }
            return PipelineFixture.combinedLine(
                address: "10.0.0.\(Int.random(in: 1...4, using: &generator))",
                user: users.randomElement(using: &generator)!,
                time: "\(day)/Nov/2026:\(hour < 10 ? "0" : "")\(hour):15:00 +0000",
                request: "GET \(paths.randomElement(using: &generator)!)?n=\(day) HTTP/1.1",
                status: statuses.randomElement(using: &generator)!)
        }
    }

    @Test("1 and 2 workers give identical aggregates and statistics", arguments: [UInt64(1), 2, 3])
    func workersAgree(seed: UInt64) throws {
        let fixture = try PipelineFixture()
        var generator = SeededRandom(seed: seed)
        var inputs: [InputSource] = []
        for index in 0..<5 {
            let lines = randomLines(Int.random(in: 0...400, using: &generator), using: &generator)
            inputs.append(index % 2 == 0
                ? try fixture.plain("access-\(index).log", lines)
                : try fixture.gzipped("access-\(index).log.gz", lines))
        }
        let plan = try PipelineFixture.plan(Self.scopes + "\n[identity]\nanonymous = \"ip\"")
        let one = try PipelineFixture.count(inputs, plan: plan, workers: 1)
        let two = try PipelineFixture.count(inputs, plan: plan, workers: 2)
        let many = try PipelineFixture.count(inputs, plan: plan, workers: 8)
        #expect(!one.aggregate.cells.isEmpty)
        #expect(one.aggregate.cellsByName == two.aggregate.cellsByName)
        #expect(one.aggregate.cellsByName == many.aggregate.cellsByName)
        #expect(one.inputs == two.inputs)
        #expect(one.inputs == many.inputs)
        #expect(one.inputs.map(\.path) == inputs.map(\.displayName))
        // Counting the files one by one and merging gives the same again.
        var merged = UsageAggregate()
        for input in inputs { merged.merge(try PipelineFixture.count([input], plan: plan).aggregate) }
        #expect(merged.cellsByName == one.aggregate.cellsByName)
        // The statistics add up to the aggregate.
        let cells = one.aggregate.cells.values
        #expect(cells.map(\.requests).reduce(0, +) == one.totals.requests)
        #expect(cells.map(\.units).reduce(0, +) == one.totals.units)
        #expect(cells.map(\.rejected).reduce(0, +) == one.totals.rejected)
        #expect(one.totals.lines == one.totals.parsed + one.totals.malformed + one.totals.ignored)
    }

    @Test("an input that cannot be opened fails the count, whatever the worker count", arguments: [1, 2])
    func missingInput(workers: Int) throws {
        let fixture = try PipelineFixture()
        let good = try fixture.plain("a.log", [PipelineFixture.combinedLine(user: "alice")])
        let missing = InputSource.file(path: fixture.folder.file("missing.log"))
        #expect {
            _ = try PipelineFixture.count([good, missing, good], plan: try PipelineFixture.plan(), workers: workers)
        } throws: { error in
            guard case AuditError.input(let inputError) = error else { return false }
            return inputError == .missingFile(path: fixture.folder.file("missing.log"))
        }
    }

    @Test("a truncated gzip file: the error is recorded and the lines before the damage are counted")
    func truncatedGzip() throws {
        let fixture = try PipelineFixture()
        var generator = SeededRandom(seed: 42)
        // Varied lines so that the compressed data is long enough to cut in the middle.
        let lines = (0..<3000).map { index in
            PipelineFixture.combinedLine(
                user: "u\(index)",
                request: "GET /api/geo?r=\(UInt64.random(in: 0...UInt64.max, using: &generator)) HTTP/1.1")
        }
        let whole = try fixture.gzipped("whole.log.gz", lines)
        let bytes = try fixture.bytes(of: whole)
        let cut = InputSource.file(path: try fixture.folder.write(Array(bytes.prefix(bytes.count / 2)), to: "cut.log.gz"))
        let result = try PipelineFixture.count([cut], plan: try PipelineFixture.plan())
        let statistics = try #require(result.inputs.first)
        #expect(statistics.error != nil)
        #expect(statistics.error?.contains("truncated") == true)
        #expect(result.damagedInputs.count == 1)
        #expect(statistics.lines > 100)
        #expect(statistics.lines < 3000)
        // Every complete line is counted; at most the one cut by the damage is malformed.
        #expect(statistics.malformed <= 1)
        #expect(statistics.parsed + statistics.malformed == statistics.lines)
        #expect(statistics.requests == statistics.parsed)
        let users = Set(result.aggregate.cellsByName.keys.map(\.user))
        #expect(users == Set((0..<Int(statistics.parsed)).map { "u\($0)" }))
        #expect(statistics.bytes > 0)
        #expect(statistics.bytes <= Int64(bytes.count / 2))
    }

    @Test("an intact gzip file has no error")
    func intactGzip() throws {
        let fixture = try PipelineFixture()
        let input = try fixture.gzipped("ok.log.gz", (0..<50).map { PipelineFixture.combinedLine(user: "u\($0)") })
        let statistics = try #require(try PipelineFixture.count([input], plan: try PipelineFixture.plan()).inputs.first)
        #expect(statistics.error == nil)
        #expect(statistics.lines == 50)
        #expect(statistics.requests == 50)
    }

    @Test("malformed lines are counted and the first five quoted, cut to 200 bytes")
    func malformedSamples() throws {
        let fixture = try PipelineFixture()
        // 'x' then 'é' (2 bytes) repeated: byte 200 falls inside an 'é'.
        let long = "x" + String(repeating: "é", count: 250)
        var lines = [PipelineFixture.combinedLine(user: "alice"), "garbage", long]
        lines += (0..<7).map { "junk \($0)" }
        lines.append(PipelineFixture.combinedLine(user: "bob"))
        let input = try fixture.plain("bad.log", lines)
        let statistics = try #require(try PipelineFixture.count([input], plan: try PipelineFixture.plan()).inputs.first)
        #expect(statistics.lines == 11)
        #expect(statistics.parsed == 2)
        #expect(statistics.malformed == 9)
        #expect(statistics.malformedSamples.count == InputStatistics.sampleLimit)
        #expect(statistics.malformedSamples.map(\.line) == [2, 3, 4, 5, 6])
        #expect(statistics.malformedSamples.allSatisfy { $0.file == fixture.folder.file("bad.log") })
        #expect(statistics.malformedSamples.allSatisfy { !$0.reason.isEmpty })
        let sample = statistics.malformedSamples[1].text
        #expect(sample.utf8.count <= MalformedSample.maximumBytes)
        #expect(sample.utf8.count >= MalformedSample.maximumBytes - 3)
        #expect(!sample.contains("\u{FFFD}"))
        #expect(long.hasPrefix(sample))
        #expect(statistics.malformedSamples[0].text == "garbage")
        #expect(statistics.error == nil)
    }

    @Test("MalformedSample cuts at 200 bytes without splitting a character, repairs invalid bytes")
    func sampleCutting() {
        func sample(_ bytes: [UInt8]) -> String {
            bytes.withUnsafeBufferPointer { MalformedSample(file: "f", line: 1, bytes: $0, reason: "r", redactor: SecretRedactor(identity: IdentitySettings())).text }
        }
        #expect(sample(Array(repeating: 0x61, count: 500)) == String(repeating: "a", count: 200))
        #expect(sample(Array(repeating: 0x61, count: 200)) == String(repeating: "a", count: 200))
        // 199 ASCII bytes then a 4-byte emoji: the emoji does not fit and is dropped whole.
        let emoji = Array(repeating: UInt8(0x61), count: 199) + Array("🔑".utf8) + [0x62]
        #expect(sample(emoji) == String(repeating: "a", count: 199))
        #expect(sample([0xFF, 0x61]) == "\u{FFFD}a")
        #expect(sample([]) == "")
        // Nothing but continuation bytes past the cut: nothing traps.
        _ = sample(Array(repeating: 0x80, count: 300))
    }

    @Test("blank lines are ignored, not malformed; CRLF lines parse")
    func blankLinesAndCRLF() throws {
        let fixture = try PipelineFixture()
        let input = try fixture.plain("crlf.log", [
            PipelineFixture.combinedLine(user: "alice") + "\r", "", "   ", PipelineFixture.combinedLine(user: "bob") + "\r",
        ])
        let result = try PipelineFixture.count([input], plan: try PipelineFixture.plan())
        let statistics = try #require(result.inputs.first)
        #expect(statistics.lines == 4)
        #expect(statistics.parsed == 2)
        #expect(statistics.ignored == 2)
        #expect(statistics.malformed == 0)
        #expect(Set(result.aggregate.cellsByName.keys.map(\.user)) == ["alice", "bob"])
    }

    @Test("a cost too large for a request (a garbled field) is unreadable: it neither pins the counters at the maximum nor crashes the run")
    func hugeUnits() throws {
        let fixture = try PipelineFixture()
        let line = #"10.0.0.1 - alice [21/Nov/2026:10:00:00 +0000] "GET /iso HTTP/1.1" 200 9223372036854775807"#
        let fine = #"10.0.0.1 - alice [21/Nov/2026:10:00:01 +0000] "GET /iso HTTP/1.1" 200 5"#
        let input = try fixture.plain("units.log", [line, line, line, fine])
        let plan = try PipelineFixture.plan("""
            [log]
            format = '$remote_addr - $remote_user [$time_local] "$request" $status $upstream_http_x_units'
            [[scope]]
            name = "iso"
            paths = ["/iso"]
            cost = "field:upstream_http_x_units"
            """)
        let result = try PipelineFixture.count([input], plan: plan, workers: 2)
        #expect(result.totals.requests == 4)
        #expect(result.totals.unreadableCosts == 3)
        #expect(result.totals.units == 5)
        #expect(result.aggregate.cells.values.first?.units == 5)
    }
}
