import Testing
@testable import UsageAudit

@Suite("UsageAggregate joining")
struct UsageAggregateJoiningTests {
    /// Every cell of `usage` with its user's name, in the aggregate's order.
    private func named(_ usage: UsageAggregate) -> [String] {
        var cells: [String] = []
        usage.forEachCell { key, counts in
            cells.append("\(usage.userName(key.user)) \(key.scope) \(key.day) \(counts)")
        }
        return cells
    }

    @Test("joining stored cells with a run's is building, merging and arranging in one: same ids, order and counts",
          arguments: [UInt64(1), 2, 3])
    func sameAsMergingAndArranging(seed: UInt64) {
        // Stored cells with keys given twice (added up), users of their own, some shared with the run's.
        let stored = UsageAggregate.random(seed: seed, cells: 3_000, users: 60, scopes: 4, days: 40, cost: 1...4)
        var keys = stored.cellKeys
        var counts = stored.cellCounts
        var random = SeededRandom(seed: seed &+ 100)
        for _ in 0..<200 {
            let index = Int.random(in: keys.indices, using: &random)
            keys.append(keys[index])
            counts.append(counts[index])
        }
        var fresh = UsageAggregate.random(seed: seed &+ 7, cells: 800, users: 90, scopes: 4, days: 45, cost: 1...4)
        fresh.arrangeByUser()

        var expected = UsageAggregate(users: stored.users, keys: keys, counts: counts, mayRepeat: true)
        expected.merge(fresh)
        expected.arrangeByUser()
        let joined = UsageAggregate(joining: keys, counts: counts, users: stored.users, with: fresh)

        #expect(joined.cellKeys == expected.cellKeys)
        #expect(joined.cellCounts == expected.cellCounts)
        #expect(named(joined) == named(expected))
        #expect(joined.userRanks == expected.userRanks)
        // Lookups work: the index was built over the arranged cells.
        for key in expected.cellKeys.prefix(500) {
            #expect(joined.counts(for: key) == expected.counts(for: key))
        }
        #expect(joined.cellCount == Set(keys.map { stored.userName($0.user) + " \($0.scope) \($0.day)" })
            .union(fresh.cellKeys.map { fresh.userName($0.user) + " \($0.scope) \($0.day)" }).count)
    }

    @Test("joined with an empty run, stored cells are arranged and keys given twice add up")
    func emptyRun() {
        var users = ByteInterner()
        let bob = users.intern("bob")
        let ann = users.intern("ann")
        let one = UsageCounts(requests: 1, units: 2, rejected: 0, firstSeen: 10, lastSeen: 20)
        let two = UsageCounts(requests: 3, units: 4, rejected: 1, firstSeen: 5, lastSeen: 15)
        let keys = [
            UsageKey(user: bob, scope: 0, day: LocalDay(number: 2)), UsageKey(user: ann, scope: 1, day: LocalDay(number: 1)),
            UsageKey(user: bob, scope: 0, day: LocalDay(number: 2)), UsageKey(user: ann, scope: 0, day: LocalDay(number: 1)),
        ]
        let joined = UsageAggregate(joining: keys, counts: [one, two, two, one], users: users, with: UsageAggregate())
        var both = one
        both.merge(two)
        #expect(named(joined) == [
            "ann 0 \(LocalDay(number: 1)) \(one)", "ann 1 \(LocalDay(number: 1)) \(two)", "bob 0 \(LocalDay(number: 2)) \(both)",
        ])
    }
}
