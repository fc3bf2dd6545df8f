import Foundation
import Testing
@testable import UsageAudit

/// `run` stages its reports while the state commit runs (`Audit.run(awaitsCommit: false)`)
/// and publishes them only once the commit succeeded.
@Suite("Pending commit")
struct PendingCommitTests {
    /// A store that reads as empty and refuses every commit, after a moment (so that the
    /// reports are staged while it "commits").
    private final class RefusingStore: StateStore {
        var description: String { "refusing store" }
        func open(timeZoneName: String) throws(StateError) -> InputLedger { InputLedger() }
        func history(from day: LocalDay) throws(StateError) -> StoredHistory { StoredHistory() }
        func commit(_ update: StateUpdate) throws(StateError) {
            Thread.sleep(forTimeInterval: 0.05)
            throw .concurrentRun(store: description, input: "access.log")
        }
    }

    @Test("a commit that fails after the reports were staged: the error comes back, and last night's reports stay")
    func failedCommit() throws {
        let fixture = try PipelineFixture()
        let input = try fixture.plain("access.log", (0..<50).map { PipelineFixture.combinedLine(user: "ann", time: String(format: "20/Nov/2026:10:00:%02d +0000", $0)) })
        let out = fixture.folder.file("reports")
        try AtomicFile.createDirectory(out)
        try AtomicFile.write("last night\n", to: out + "/usage.csv")
        let audit = try Audit(configuration: ConfigurationLoader.parse(text: ""))
        var outcome = try audit.run(
            inputs: [input], asOf: nil, state: RefusingStore(), awaitsCommit: false, workers: 1,
            logger: PipelineFixture.silentLogger)
        let staged = try ReportSet(outcome: outcome).stage(in: out)
        #expect(throws: AuditError.self) { try outcome.awaitCommit() }
        // Still pending: asking again gives the same failure.
        #expect(throws: AuditError.self) { try outcome.awaitCommit() }
        staged.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["usage.csv"])
        #expect(try String(contentsOfFile: out + "/usage.csv", encoding: .utf8) == "last night\n")
    }

    /// A log of `count` requests of `user` (one a second from `hour`:00) and a state store in
    /// a fresh folder; `run` audits the log into the store.
    private struct StoredRun {
        let fixture: PipelineFixture
        let input: InputSource
        let statePath: String
        let audit: Audit

        init(user: String, hour: Int, count: Int) throws {
            fixture = try PipelineFixture()
            input = try fixture.plain("access.log", (0..<count).map {
                PipelineFixture.combinedLine(user: user, time: String(format: "20/Nov/2026:%02d:00:%02d +0000", hour, $0))
            })
            statePath = fixture.folder.file("state.sqlite")
            audit = try Audit(configuration: ConfigurationLoader.parse(text: ""))
        }

        func run(awaitsCommit: Bool) throws -> AuditOutcome {
            try audit.run(
                inputs: [input], asOf: nil, state: SQLiteStateStore(path: statePath), awaitsCommit: awaitsCommit, workers: 1,
                logger: PipelineFixture.silentLogger)
        }
    }

    @Test("an abandoned commit stores nothing: the next run counts the same input as new")
    func abandonedCommit() throws {
        let scenario = try StoredRun(user: "ann", hour: 10, count: 50)
        let statePath = scenario.statePath
        var abandoned = try scenario.run(awaitsCommit: false)
        abandoned.abandonCommit()
        #expect(abandoned.pendingCommit == nil)
        #expect(try SQLiteStateStore(path: statePath).history(from: LocalDay(number: 0)).cells.isEmpty)
        let next = try scenario.run(awaitsCommit: true)
        #expect(next.result.inputs[0].content == .new)
        #expect(next.result.totals.lines == 50)
        let stored = try SQLiteStateStore(path: statePath).history(from: LocalDay(number: 0)).cells
        #expect(stored.reduce(0) { $0 + $1.counts.units } == 50)
    }

    @Test("a commit nobody awaits or abandons is rolled back once dropped")
    func droppedCommit() throws {
        let scenario = try StoredRun(user: "bo", hour: 11, count: 20)
        do {
            let outcome = try scenario.run(awaitsCommit: false)
            #expect(outcome.pendingCommit != nil)
        }
        // The rollback runs on the commit's own thread: the next run waits for the store.
        let next = try scenario.run(awaitsCommit: true)
        #expect(next.result.inputs[0].content == .new)
    }
}
