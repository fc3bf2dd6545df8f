import Foundation
import Testing
@testable import UsageAudit

/// Partials of shards of logs (DESIGN §9): the merge of any split equals the whole, in any
/// grouping and order, and what cannot be merged is refused.
@Suite("UsagePartial")
struct UsagePartialTests {
    private let fixture: PipelineFixture
    private let audit: Audit

    init() throws {
        fixture = try PipelineFixture()
        audit = try Audit(configuration: ConfigurationLoader.parse(text: """
            [[scope]]
            name = "geocode"
            paths = ["/api/v1/geocode"]
            """))
    }

    /// Requests of three users over three days, every 7th a 429, in time order.
    private func lines(from first: Int, count: Int) -> [String] {
        (first..<(first + count)).map { index in
            let users = ["ann", "bob", "cy"]
            let day = 18 + index / 400
            return PipelineFixture.combinedLine(
                user: users[index % 3], time: String(format: "%02d/Nov/2026:%02d:%02d:00 +0000", day, index / 60 % 24, index % 60),
                request: index % 5 == 0 ? "GET /docs HTTP/1.1" : "GET /api/v1/geocode?q=\(index) HTTP/1.1", status: index % 7 == 0 ? 429 : 200)
        }
    }

    /// The partial `usage-audit partial` makes of `inputs`.
    private func partial(_ inputs: [InputSource], source: String) throws -> UsagePartial {
        let outcome = try audit.run(inputs: inputs, asOf: nil, recordsContent: true, workers: 2, logger: PipelineFixture.silentLogger)
        return UsagePartial(counting: outcome.result, configuration: audit.plan.configuration, source: source)
    }

    private func encoded(_ partial: UsagePartial) throws -> [UInt8] {
        try PartialFile.bytes(of: partial)
    }

    @Test("three shards merged in two groupings and orders give the same document, and the counts of the whole")
    func mergeIsExactAssociativeAndCommutative() throws {
        let logs = try (0..<3).map { try fixture.gzipped("access-\($0).log.gz", lines(from: $0 * 400, count: 400)) }
        let shards = try logs.enumerated().map { try partial([$1], source: "shard-\($0)") }
        var left = shards[0]
        try left.merge(shards[1])
        try left.merge(shards[2])
        var inner = shards[1]
        try inner.merge(shards[0])
        var right = shards[2]
        try right.merge(inner)
        #expect(try encoded(left) == encoded(right))
        // The same logs give the same partial, byte for byte, whenever they are counted.
        #expect(try encoded(partial([logs[0]], source: "again")) == encoded(shards[0]))
        let whole = try partial(logs, source: "whole")
        #expect(left.daily.cellsByName == whole.daily.cellsByName)
        #expect(left.hourly.storedSlots(scopeNames: left.scopeNames) == whole.hourly.storedSlots(scopeNames: whole.scopeNames))
        #expect(Set(left.inputs.map(\.path)) == Set(whole.inputs.map(\.path)))
        #expect(left.inputs.map(\.lines).reduce(0, +) == 1200)
        #expect(Set(left.ledger.map(\.headDigest)) == Set(whole.ledger.map(\.headDigest)))
        // Not a sum of empties: the three users' requests are all there.
        #expect(left.daily.users.count == 3)
        #expect(left.inputs.map(\.rejected).reduce(0, +) == whole.inputs.map(\.rejected).reduce(0, +))
    }

    @Test("a log in two partials is refused, naming it, and the partial is left as it was")
    func overlapIsRefused() throws {
        let log = try fixture.plain("access.log", lines(from: 0, count: 50))
        let copy = try fixture.gzipped("access.log.1.gz", lines(from: 0, count: 50))
        var first = try partial([log], source: "a.json")
        let second = try partial([copy], source: "b.json")
        let before = try encoded(first)
        #expect(throws: PartialError.overlap(path: "b.json", input: copy.displayName, other: "a.json (as \(log.displayName))")) {
            try first.merge(second)
        }
        #expect(try encoded(first) == before)
        // A longer copy of a log (its first line the same) overlaps too.
        let longer = try partial([try fixture.plain("longer.log", lines(from: 0, count: 80))], source: "c.json")
        #expect(throws: PartialError.self) { try first.merge(longer) }
    }

    @Test("logs that only share a first line (an empty one, or logs longer than a head) are no overlap")
    func sameFirstLineIsNoOverlap() throws {
        // More than 64 KiB each: their heads tell them apart.
        let header = PipelineFixture.combinedLine(user: "ann", time: "18/Nov/2026:00:00:00 +0000")
        var first = try partial([try fixture.plain("a.log", [header] + lines(from: 0, count: 800))], source: "a.json")
        let second = try partial([try fixture.plain("b.log", [header] + lines(from: 1, count: 800))], source: "b.json")
        try first.merge(second)
        var blank = try partial([try fixture.plain("c.log", [""] + lines(from: 0, count: 5))], source: "c.json")
        try blank.merge(try partial([try fixture.plain("d.log", [""] + lines(from: 7, count: 5))], source: "d.json"))
        #expect(blank.ledger.count == 2)
    }

    @Test("partials kept up to another --as-of are not merged (the merge would depend on the order)")
    func otherMomentIsRefused() throws {
        let logs = [try fixture.plain("a.log", lines(from: 0, count: 500)), try fixture.plain("b.log", lines(from: 500, count: 500))]
        let early = try audit.run(inputs: [logs[0]], asOf: 1_795_100_000, recordsContent: true, workers: 1, logger: PipelineFixture.silentLogger)
        var first = UsagePartial(counting: early.result, configuration: audit.plan.configuration, source: "a.json")
        let second = try partial([logs[1]], source: "b.json")
        #expect {
            try first.merge(second)
        } throws: { error in
            guard case PartialError.mismatch("b.json", "hourly slots kept up to", "its latest request (no --as-of)", let expected) = error else {
                return false
            }
            return expected.hasPrefix("--as-of 2026-11-19T14:53:20")
        }
    }

    @Test("a partial read by a run with an earlier audit moment says where its hours begin: those before are unknown, not zero")
    func hoursBeforeThePartialsSpanAreUnknown() throws {
        let log = try fixture.plain("a.log", lines(from: 0, count: 1200))
        let path = fixture.folder.file("a.partial.json")
        try PartialFile.write(try partial([log], source: "a.json"), to: path)
        let read = try PartialFile.read(path: path)
        let start = try #require(read.hourly.coverage?.lowerBound)
        // 2026-11-18 03:00 UTC: in the logs' first day, with requests in the hour before it,
        // before the partial's kept hours.
        let moment: Int64 = 1_794_970_800
        #expect(moment < start)
        let outcome = try audit.run(inputs: [], partials: [read], asOf: moment, workers: 1, logger: PipelineFixture.silentLogger)
        #expect(outcome.hourly.counts(user: "ann", scopes: [0], from: moment - 3600, to: moment) == nil)
        let direct = try audit.run(inputs: [log], asOf: nil, workers: 1, logger: PipelineFixture.silentLogger)
        #expect(direct.hourly.coverage?.lowerBound == start)
    }

    @Test("partials of another zone or other scopes are refused")
    func mismatchIsRefused() throws {
        let base = try partial([try fixture.plain("a.log", lines(from: 0, count: 10))], source: "a.json")
        var zoned = try partial([try fixture.plain("b.log", lines(from: 10, count: 10))], source: "b.json")
        zoned.timeZoneName = "Europe/Berlin"
        #expect(throws: PartialError.mismatch(path: "b.json", what: "timezone", partial: "Europe/Berlin", expected: "UTC")) {
            var merged = base
            try merged.merge(zoned)
        }
        // A shard counted with other rules (here: another cost) names the first rule that differs.
        let costly = try Audit(configuration: ConfigurationLoader.parse(text: """
            [[scope]]
            name = "geocode"
            paths = ["/api/v1/geocode"]
            cost = 2
            """))
        let outcome = try costly.run(
            inputs: [try fixture.plain("d.log", lines(from: 30, count: 10))], asOf: nil, recordsContent: true, workers: 1,
            logger: PipelineFixture.silentLogger)
        let dear = UsagePartial(counting: outcome.result, configuration: costly.plan.configuration, source: "d.json")
        #expect(throws: PartialError.mismatch(
            path: "d.json", what: "the counting rule",
            partial: #"[[scope]] name = "geocode", paths = ["/api/v1/geocode"], regex = none, methods = [], cost = 2"#,
            expected: #"[[scope]] name = "geocode", paths = ["/api/v1/geocode"], regex = none, methods = [], cost = 1"#)) {
            var merged = base
            try merged.merge(dear)
        }
        var scoped = try partial([try fixture.plain("c.log", lines(from: 20, count: 10))], source: "c.json")
        scoped.scopeNames = ["routing", "other"]
        #expect(throws: PartialError.mismatch(path: "c.json", what: "the scopes", partial: "routing, other", expected: "geocode, other")) {
            var merged = base
            try merged.merge(scoped)
        }
    }
}
