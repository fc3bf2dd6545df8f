import Foundation
import Testing
@testable import UsageAudit

/// Inputs that start alike are grouped (counted one after another by one worker); the
/// grouping is the one a comparison of every head with every other gives.
@Suite("InputGrouping")
struct InputGroupingTests {
    /// `count` lines of `user`, each about 80 bytes.
    private static func lines(_ user: String, count: Int) -> [String] {
        (0..<count).map { PipelineFixture.combinedLine(user: user, time: String(format: "21/Nov/2026:10:%02d:%02d +0000", $0 / 60 % 60, $0 % 60)) }
    }

    @Test("short heads that start other heads, short or full, join them; unrelated inputs stay apart")
    func shortAndFullHeads() throws {
        let fixture = try PipelineFixture()
        let long = Self.lines("ann", count: 2_000) // over 64 KiB: a full head
        let inputs = [
            try fixture.plain("a-first-10.log", Array(long.prefix(10))), // 0: starts 1, 2, 3
            try fixture.plain("a-first-500.log", Array(long.prefix(500))), // 1: starts 2, 3
            try fixture.plain("a-whole.log", long), // 2: full
            try fixture.gzipped("a-whole-copy.log.gz", long), // 3: full, same digest as 2
            try fixture.plain("b.log", Self.lines("bob", count: 10)), // 4: alone
            try fixture.plain("b-other.log", Self.lines("bob", count: 3) + ["x"]), // 5: starts like 4 for 3 lines only
            try fixture.plain("c-whole.log", Self.lines("cyd", count: 2_000)), // 6: full, alone
            try fixture.plain("a-first-10-again.log", Array(long.prefix(10))), // 7: equal to 0
            InputSource.standardInput, // 8: never grouped
        ]
        let groups = InputGrouping.groups(of: inputs, ledger: InputLedger())
        #expect(groups == [[0, 1, 2, 3, 7], [4], [5], [6], [8]], "\(groups)")
    }

    @Test("many small inputs: each alone when unrelated, and one that repeats another's start joins it")
    func manySmallInputs() throws {
        let fixture = try PipelineFixture()
        var inputs = try (0..<500).map { index in
            try fixture.plain("small-\(index).log", [PipelineFixture.combinedLine(user: "user-\(index)")])
        }
        inputs.append(try fixture.plain("small-7-grown.log", [PipelineFixture.combinedLine(user: "user-7"), "more"]))
        let groups = InputGrouping.groups(of: inputs, ledger: InputLedger())
        #expect(groups.count == 500)
        #expect(groups.contains([7, 500]))
    }
}
