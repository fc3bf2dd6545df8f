import Testing
@testable import UsageAudit

@Suite("DailyUnitsTable")
struct DailyUnitsTableTests {
    /// Random cells of 300 users in three scopes and a scope index past them (counted as the
    /// last scope), over 60 days; a few thousand of them, users interleaved.
    private func aggregate(seed: UInt64) -> UsageAggregate {
        UsageAggregate.random(seed: seed, cells: 6_000, users: 300, scopes: 4, days: 60, cost: 1...3)
    }

    /// Every kept figure of the table: per user and slot, the first day, and each day's
    /// units and refusals.
    private func figures(_ table: DailyUnitsTable, usage: UsageAggregate, users: [String]) -> [String] {
        users.flatMap { name -> [String] in
            guard let id = usage.users.lookup(name) else { return ["\(name): none"] }
            var units: [Int64] = []
            var rejected: [Int64] = []
            table.fill(user: Int(id), from: 20_000, count: 60, units: &units, rejected: &rejected)
            let firsts = (0...table.allSlot).map { table.firstDay(user: Int(id), slot: $0).map(String.init) ?? "-" }
            let ranged = (0...table.allSlot).map { "\(table.counts(user: Int(id), slot: $0, from: 20_010, to: 20_040))" }
            return ["\(name) \(firsts) \(units) \(rejected) \(ranged) \(table.hasEntries(user: Int(id)))"]
        }
    }

    @Test("a table built from cells arranged by user (placed straight) equals one built from the same cells in any order (staged)",
          arguments: [1, 2] as [UInt64])
    func arrangedOrNot(seed: UInt64) {
        let scattered = aggregate(seed: seed)
        var arranged = scattered
        arranged.arrangeByUser()
        // The cells as counted come users interleaved; arranged, each user's together.
        #expect(scattered.cellKeys.map(\.user) != arranged.cellKeys.map(\.user))
        let users = (0..<300).map { "user-\($0)" }
        for days in [20_000...20_059, 20_015...20_030] {
            let straight = DailyUnitsTable(usage: arranged, scopeCount: 3, days: days)
            let staged = DailyUnitsTable(usage: scattered, scopeCount: 3, days: days)
            #expect(figures(straight, usage: arranged, users: users) == figures(staged, usage: scattered, users: users))
        }
    }
}
