import Foundation
import Testing
@testable import UsageAudit

/// Partials as a run's input: a state store records their logs by content, so that each log
/// is counted once, whether it comes as a log or in a partial.
@Suite("Partials counted into a state store")
struct UsageCountingPartialsTests {
    private let fixture: PipelineFixture
    private let audit: Audit
    private let statePath: String

    init() throws {
        fixture = try PipelineFixture()
        audit = try Audit(configuration: ConfigurationLoader.parse(text: ""))
        statePath = fixture.folder.file("state/state.sqlite")
    }

    private func lines(_ user: String, day: Int, count: Int) -> [String] {
        PipelineFixture.requestLines(user, day: day, count: count)
    }

    private func partial(_ inputs: [InputSource]) throws -> UsagePartial {
        let outcome = try audit.run(inputs: inputs, asOf: nil, recordsContent: true, workers: 1, logger: PipelineFixture.silentLogger)
        return UsagePartial(counting: outcome.result, configuration: audit.plan.configuration, source: "shard.json")
    }

    private func run(_ inputs: [InputSource] = [], partials: [UsagePartial]) throws -> AuditOutcome {
        try audit.run(
            inputs: inputs, partials: partials, asOf: nil, state: SQLiteStateStore(path: statePath), workers: 2,
            logger: PipelineFixture.silentLogger)
    }

    private func storedRequests() throws -> Int64 {
        try SQLiteStateStore(path: statePath).history(from: LocalDay(number: 0)).cells.reduce(0) { $0 + $1.counts.requests }
    }

    @Test("a partial is counted once: its logs are recorded, and a rerun or the logs themselves add nothing")
    func countedOnce() throws {
        let logs = [try fixture.gzipped("a.log.gz", lines("ann", day: 19, count: 30)), try fixture.plain("b.log", lines("bob", day: 20, count: 20))]
        let shard = try partial(logs)
        let first = try run(partials: [shard])
        #expect(first.result.totals.requests == 50)
        #expect(try storedRequests() == 50)
        let again = try run(partials: [shard])
        #expect(again.result.inputs.allSatisfy { $0.content.name == "already_counted" })
        #expect(again.result.totals.requests == 0)
        #expect(again.usageRows == first.usageRows)
        let direct = try run(logs, partials: [])
        #expect(direct.result.inputs.allSatisfy { $0.content.name == "already_counted" })
        #expect(try storedRequests() == 50)
    }

    @Test("a partial of which the store counted some logs but not all is refused, and nothing is stored")
    func partlyCounted() throws {
        let (a, b) = (try fixture.plain("a.log", lines("ann", day: 19, count: 30)), try fixture.plain("b.log", lines("bob", day: 20, count: 20)))
        _ = try run([a], partials: [])
        #expect(throws: AuditError.self) { try run(partials: [try partial([a, b])]) }
        #expect(try storedRequests() == 30)
        do {
            _ = try run(partials: [try partial([a, b])])
        } catch AuditError.partial(.partlyCounted(_, let counted, let new)) {
            #expect(counted == [a.displayName])
            #expect(new == [b.displayName])
        }
    }

    @Test("a partial of a log the store counted a shorter copy of is refused, naming the log and what to do instead")
    func otherExtent() throws {
        let a = try fixture.plain("a.log", lines("ann", day: 19, count: 30))
        _ = try run([a], partials: [])
        guard case .file(let path) = a else { return }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data((lines("ann", day: 20, count: 5).joined(separator: "\n") + "\n").utf8))
        try handle.close()
        let shard = try partial([a])
        #expect {
            try run(partials: [shard])
        } throws: { error in
            guard case AuditError.partial(let refusal) = error, case .partlyCounted(_, [a.displayName], []) = refusal else { return false }
            return refusal.description.contains("give the log to run as a file instead")
        }
        // The log itself is counted on from where the store stopped.
        #expect(try run([a], partials: []).result.totals.requests == 5)
        #expect(try storedRequests() == 35)
    }

    @Test("a log given both as itself and in a partial is refused, with or without a store")
    func logAndPartial() throws {
        let a = try fixture.plain("a.log", lines("ann", day: 19, count: 30))
        let shard = try partial([a])
        #expect(throws: AuditError.self) { try run([a], partials: [shard]) }
        #expect(throws: AuditError.self) {
            try audit.run(inputs: [a], partials: [shard], asOf: nil, workers: 1, logger: PipelineFixture.silentLogger)
        }
        #expect(try storedRequests() == 0)
    }
}
