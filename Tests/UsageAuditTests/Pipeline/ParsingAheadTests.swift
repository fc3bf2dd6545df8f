import Foundation
import Testing
@testable import UsageAudit

/// Counting an input with the reading on a thread of its own and the parsing shared with the
/// counting thread (`ParsingAhead`, what a single input gets on a machine with a second
/// core) gives exactly what counting it
/// on one thread gives: aggregate, hourly slots, statistics (malformed samples and their
/// line numbers included), damage and the state store's record of the input.
@Suite("ParsingAhead")
struct ParsingAheadTests {
    private static let configuration = """
        [identity]
        anonymous = "ip"
        [[scope]]
        name = "geo"
        paths = ["/api/geo"]
        [[scope]]
        name = "route"
        regex = '^/api/v[12]/route'
        """

    /// Many lines (several batches), some malformed, one far too long, some blank.
    private func lines(_ count: Int, seed: UInt64) -> [String] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { index in
            if index % 997 == 5 { return "garbage line \(index)" }
            if index % 1511 == 7 { return "" }
            if index == 4000 { return PipelineFixture.combinedLine(request: "GET /api/geo?q=" + String(repeating: "x", count: 70_000) + " HTTP/1.1") }
            let second = index / 3
            return PipelineFixture.combinedLine(
                address: "10.0.\(random.next() % 4).\(random.next() % 9)",
                user: random.pick(["alice", "bob", "-", "carol.with.a.long.name.of.many.bytes"]),
                time: String(format: "21/Nov/2026:%02d:%02d:%02d +0100", second / 3600 % 24, second / 60 % 60, second % 60),
                request: random.pick(["GET /api/geo?x=1 HTTP/1.1", "GET /api/v2/route HTTP/1.1", "GET /api/other HTTP/1.1"]),
                status: random.pick([200, 200, 429, 404]))
        }
    }

    private func count(
        _ input: InputSource, plan: CountingPlan, ahead: Bool, ledger: InputLedger? = nil, sharing: ParseSharing = .both
    ) throws -> (statistics: InputStatistics, usage: CountedUsage, record: CountedInput?) {
        var counter = InputCounter(plan: plan, logger: PipelineFixture.silentLogger)
        counter.parseSharing = sharing
        var usage = CountedUsage(scopes: plan.configuration.scopeNames.count)
        if let ledger {
            let counted = try counter.count(input, into: &usage, against: ledger, countedAt: 1, decodeAhead: ahead)
            usage.finish()
            return (counted.statistics, usage, counted.updated)
        }
        let statistics = try counter.count(input, into: &usage, decodeAhead: ahead)
        usage.finish()
        return (statistics, usage, nil)
    }

    private func expectSame(
        _ one: (statistics: InputStatistics, usage: CountedUsage, record: CountedInput?),
        _ other: (statistics: InputStatistics, usage: CountedUsage, record: CountedInput?)
    ) {
        #expect(one.statistics == other.statistics)
        #expect(one.usage.daily.cellsByName == other.usage.daily.cellsByName)
        let names = ["geo", "route", "other"]
        #expect(one.usage.hourly.storedSlots(scopeNames: names) == other.usage.hourly.storedSlots(scopeNames: names))
        #expect(one.record == other.record)
    }

    @Test("plain and gzipped, whole and truncated, with and without a state store")
    func sameCounts() throws {
        let fixture = try PipelineFixture()
        let plan = try PipelineFixture.plan(Self.configuration)
        let text = lines(30_000, seed: 4)
        let plain = try fixture.plain("access.log", text)
        let gzipped = try fixture.gzipped("access.log.gz", text)
        var truncatedBytes = try fixture.bytes(of: gzipped)
        truncatedBytes.removeLast(truncatedBytes.count / 3)
        let truncated = InputSource.file(path: try fixture.folder.write(truncatedBytes, to: "cut.log.gz"))
        for input in [plain, gzipped, truncated] {
            let sequential = try count(input, plan: plan, ahead: false)
            let ahead = try count(input, plan: plan, ahead: true)
            #expect(sequential.statistics.lines > 15_000)
            #expect(sequential.statistics.malformed > 20)
            expectSame(sequential, ahead)
            // Requests are attributed in runs and recorded after: every request attributed
            // (the statistics count them then) reaches the tables, up to the damage too.
            let cells = sequential.usage.daily.cellsByName.values
            let recorded = cells.reduce(0) { $0 + $1.requests }
            #expect(recorded == sequential.statistics.requests)
            #expect(recorded > 10_000)
            #expect(cells.reduce(0) { $0 + $1.units } == sequential.statistics.units)
            #expect(cells.reduce(0) { $0 + $1.rejected } == sequential.statistics.rejected)
            #expect(sequential.statistics.rejected > 1_000)
            let withLedger = try count(input, plan: plan, ahead: false, ledger: InputLedger())
            let withLedgerAhead = try count(input, plan: plan, ahead: true, ledger: InputLedger())
            expectSame(withLedger, withLedgerAhead)
            #expect(withLedger.statistics.lines == sequential.statistics.lines)
        }
        #expect(try count(truncated, plan: plan, ahead: true).statistics.error != nil)
    }

    @Test("named fields read by identity and cost reach the counting thread; the others need not")
    func carriedFields() throws {
        let fixture = try PipelineFixture()
        // Users by user agent, geo requests cost the body bytes sent: two named fields of
        // the combined format, out of its eleven.
        let plan = try PipelineFixture.plan("""
            [identity]
            from = ["field:http_user_agent"]
            [[scope]]
            name = "geo"
            paths = ["/api/geo"]
            cost = "field:body_bytes_sent"
            """)
        #expect(plan.countedFieldIndices.count == 2)
        #expect(plan.countedFieldIndices.count < plan.fields.count)
        let input = try fixture.gzipped("access.log.gz", lines(20_000, seed: 11))
        let sequential = try count(input, plan: plan, ahead: false)
        let ahead = try count(input, plan: plan, ahead: true)
        // The user agent is read as a key none maps: its masked form is the user.
        #expect(Set(sequential.usage.daily.cellsByName.keys.map(\.user)).count == 1)
        #expect(sequential.usage.daily.cellsByName.keys.allSatisfy { $0.user.hasPrefix("key:curl") })
        #expect(sequential.statistics.units > sequential.statistics.requests)
        expectSame(sequential, ahead)
    }

    @Test("an input that grew: only the new part is counted, the same both ways", arguments: [ParseSharing.readerOnly, .callerOnly, .both])
    func grownInput(sharing: ParseSharing) throws {
        let fixture = try PipelineFixture()
        let plan = try PipelineFixture.plan(Self.configuration)
        let text = lines(12_000, seed: 8)
        let first = try fixture.plain("access.log", Array(text[..<7_000]))
        guard let record = try count(first, plan: plan, ahead: false, ledger: InputLedger()).record else {
            Issue.record("no record of the first part")
            return
        }
        var ledger = InputLedger()
        ledger.remember(record)
        let grown = try fixture.plain("access.log", text)
        let sequential = try count(grown, plan: plan, ahead: false, ledger: ledger)
        let ahead = try count(grown, plan: plan, ahead: true, ledger: ledger, sharing: sharing)
        #expect(sequential.statistics.skippedBytes > 0)
        #expect(sequential.statistics.lines == 5_000)
        expectSame(sequential, ahead)
    }

    /// Each batch is parsed by the reading thread or by the counting thread, whichever is
    /// free first: pinned to either one, and left to both, the counts are the sequential ones.
    @Test("batches parsed by the reading thread, by the counting thread, or by both", arguments: [ParseSharing.readerOnly, .callerOnly, .both])
    func eitherThreadParses(sharing: ParseSharing) throws {
        let fixture = try PipelineFixture()
        let plan = try PipelineFixture.plan(Self.configuration)
        let text = lines(30_000, seed: 21)
        let gzipped = try fixture.gzipped("access.log.gz", text)
        // Without malformed lines, the unfinished and the cut line are the first quoted.
        let clean = text.filter { $0.hasPrefix("10.") && $0.utf8.count < 1_000 }
        var truncatedBytes = try fixture.bytes(of: fixture.gzipped("clean.log.gz", clean))
        truncatedBytes.removeLast(truncatedBytes.count / 2)
        let truncated = InputSource.file(path: try fixture.folder.write(truncatedBytes, to: "cut.log.gz"))
        // A plain log still being written: its last line, without a newline, is cut short.
        let live = InputSource.file(path: try fixture.folder.write(
            clean.map { $0 + "\n" }.joined() + #"10.0.0.1 - alice [21/Nov/2026:12:00:00 +0000] "GET /api/geo"#, to: "live.log"))
        for input in [gzipped, truncated, live] {
            let sequential = try count(input, plan: plan, ahead: false)
            let ahead = try count(input, plan: plan, ahead: true, sharing: sharing)
            #expect(sequential.statistics.lines > 10_000)
            expectSame(sequential, ahead)
            let withLedger = try count(input, plan: plan, ahead: false, ledger: InputLedger())
            let withLedgerAhead = try count(input, plan: plan, ahead: true, ledger: InputLedger(), sharing: sharing)
            expectSame(withLedger, withLedgerAhead)
        }
        // The live log's unfinished line is left for a later run: its record ends before it.
        let unfinished = try count(live, plan: plan, ahead: true, ledger: InputLedger(), sharing: sharing)
        #expect(unfinished.statistics.malformedSamples.map(\.reason) == [InputCounter.unfinishedReason])
        #expect(unfinished.record?.length == Int64(clean.map { $0.utf8.count + 1 }.reduce(0, +)))
        let cut = try count(truncated, plan: plan, ahead: true, sharing: sharing)
        #expect(cut.statistics.error != nil)
        #expect(cut.statistics.malformedSamples.map(\.reason) == [InputCounter.cutByDamageReason])
    }

    /// Times without an offset are placed in the log's zone by a calendar that caches the
    /// zone's offsets: each thread that parses has one of its own. Across the night the
    /// clocks go back, where the cache changes most, both threads' lines land where the
    /// sequential count puts them.
    @Test("times without an offset across a DST change", arguments: [ParseSharing.readerOnly, .callerOnly, .both])
    func zoneLessTimes(sharing: ParseSharing) throws {
        let fixture = try PipelineFixture()
        let plan = try PipelineFixture.plan("""
            [log]
            format = '%h %{%Y-%m-%d %H:%M:%S}t %u "%r" %>s %b'
            timezone = "Europe/Berlin"
            [identity]
            anonymous = "ip"
            [[scope]]
            name = "geo"
            paths = ["/api/geo"]
            """)
        // 2026-10-25 00:00 to 04:00 local time: the clocks go back from 03:00 to 02:00.
        let text = (0..<40_000).map { index -> String in
            let second = index * 14_400 / 40_000
            return String(
                format: "10.0.0.%d 2026-10-25 %02d:%02d:%02d alice \"GET /api/geo HTTP/1.1\" 200 5",
                index % 9, second / 3600, second / 60 % 60, second % 60)
        }
        let input = try fixture.gzipped("dst.log.gz", text)
        let sequential = try count(input, plan: plan, ahead: false)
        #expect(sequential.statistics.parsed == 40_000)
        #expect(sequential.statistics.requests == 40_000)
        for _ in 0..<3 {
            expectSame(sequential, try count(input, plan: plan, ahead: true, sharing: sharing))
        }
    }
}
