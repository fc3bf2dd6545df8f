import Testing
@testable import UsageAudit

@Suite("CountTable")
struct CountTableTests {
    private func counts(_ units: Int64) -> UsageCounts {
        UsageCounts(requests: 1, units: units, rejected: 0, firstSeen: units, lastSeen: units)
    }

    /// A table of one entry per user `0..<users`, its units the user's number, in scope 0 on day 1.
    private func tableOfUsers(_ users: Int) -> CountTable<UsageKey> {
        var table = CountTable<UsageKey>()
        for user in 0..<users {
            table.add(counts(Int64(user)), to: UsageKey(user: Int32(user), scope: 0, day: LocalDay(number: 1)))
        }
        return table
    }

    @Test("entries keep their index through growth; lookups find every key and nothing else")
    func growth() {
        var table = CountTable<UsageKey>(capacity: 1)
        var indices: [Int] = []
        for index in 0..<5_000 {
            let key = UsageKey(user: Int32(index % 97), scope: Int32(index % 5), day: LocalDay(number: Int32(index / 485)))
            let entry = table.entry(for: key)
            if entry == indices.count { indices.append(entry) }
            table.add(counts(1), to: key)
        }
        #expect(table.count == table.keys.count && table.count == table.counts.count)
        for (index, key) in table.keys.enumerated() {
            #expect(table.index(of: key) == index)
        }
        #expect(table[UsageKey(user: 1000, scope: 0, day: LocalDay(number: 0))] == nil)
        #expect(table.counts.reduce(0) { $0 + $1.units } == 5_000)
    }

    @Test("a table built from distinct keys finds each of them at its index, and grows from there")
    func distinctKeys() {
        let keys = (0..<3_000).map { UsageKey(user: Int32($0 / 7), scope: Int32($0 % 7), day: LocalDay(number: 20_000)) }
        var table = CountTable(distinctKeys: keys, counts: keys.indices.map { counts(Int64($0)) })
        #expect(table.count == keys.count)
        for (index, key) in keys.enumerated() {
            #expect(table.index(of: key) == index && table[key]?.units == Int64(index))
        }
        #expect(table[UsageKey(user: 0, scope: 7, day: LocalDay(number: 20_000))] == nil)
        // Adding to a key it holds adds up; a new key gets the next index.
        table.add(counts(5), to: keys[10])
        #expect(table[keys[10]]?.units == 15 && table.count == keys.count)
        // New keys past the built index's room: it grows, and every key stays findable.
        let more = (0..<20_000).map { UsageKey(user: 10_000 + Int32($0), scope: 0, day: LocalDay(number: 20_001)) }
        for (offset, key) in more.enumerated() {
            #expect(table.entry(for: key) == keys.count + offset)
        }
        for (index, key) in (keys + more).enumerated() {
            #expect(table.index(of: key) == index)
        }
    }

    @Test("a finished table's index is at most three quarters full, every key still found; adding grows it again")
    func compactIndex() {
        #expect(CountTable<UsageKey>.compactIndexSize(for: 0) == 16)
        #expect(CountTable<UsageKey>.compactIndexSize(for: 12) == 16)
        #expect(CountTable<UsageKey>.compactIndexSize(for: 13) == 32)
        #expect(CountTable<UsageKey>.compactIndexSize(for: 3_000) == 4_096)
        var table = tableOfUsers(3_000)
        // Grown at most half full: 8,192 slots for 3,000 entries.
        #expect(table.indexSize == 8_192)
        table.shrinkToFit()
        #expect(table.indexSize == 4_096)
        for (index, key) in table.keys.enumerated() {
            #expect(table.index(of: key) == index)
        }
        #expect(table[UsageKey(user: 3_000, scope: 0, day: LocalDay(number: 1))] == nil)
        let built = CountTable(distinctKeys: table.keys, counts: table.counts)
        #expect(built.indexSize == 4_096 && built[UsageKey(user: 2_999, scope: 0, day: LocalDay(number: 1))]?.units == 2_999)
        // The next key added: at most half full again.
        table.add(counts(1), to: UsageKey(user: 3_000, scope: 0, day: LocalDay(number: 1)))
        #expect(table.indexSize == 8_192 && table.count == 3_001)
        #expect(table[UsageKey(user: 3_000, scope: 0, day: LocalDay(number: 1))]?.units == 1)
    }

    @Test("filter keeps the entries asked for, with their counts, findable")
    func filter() {
        var table = tableOfUsers(300)
        table.filter { $0.user % 3 == 0 }
        #expect(table.count == 100)
        #expect(table[UsageKey(user: 3, scope: 0, day: LocalDay(number: 1))]?.units == 3)
        #expect(table[UsageKey(user: 4, scope: 0, day: LocalDay(number: 1))] == nil)
        table.reserve(10_000)
        #expect(table[UsageKey(user: 297, scope: 0, day: LocalDay(number: 1))]?.units == 297)
    }

    @Test("reorder moves keys and counts together and keeps every key findable")
    func reorder() {
        var table = CountTable<UsageKey>()
        for user in 0..<500 {
            table.add(counts(Int64(user)), to: UsageKey(user: Int32(user), scope: Int32(user % 3), day: LocalDay(number: 7)))
        }
        let order = (0..<Int32(500)).reversed().map { $0 }
        table.reorder(order)
        #expect(table.keys.first?.user == 499 && table.keys.last?.user == 0)
        for (index, key) in table.keys.enumerated() {
            #expect(table.index(of: key) == index)
            #expect(table.counts[index].units == Int64(key.user))
        }
        table.add(counts(1), to: UsageKey(user: 250, scope: 1, day: LocalDay(number: 7)))
        #expect(table.count == 500)
        #expect(table[UsageKey(user: 250, scope: 1, day: LocalDay(number: 7))]?.units == 251)
    }

    @Test("shrinkToFit after pruning keeps every entry and its counts, and the table grows again")
    func shrinkAfterPruning() {
        var table = tableOfUsers(200_000)
        table.filter { $0.user % 100 == 0 }
        table.shrinkToFit()
        #expect(table.count == 2_000)
        for (index, key) in table.keys.enumerated() {
            #expect(table.index(of: key) == index && table.counts[index].units == Int64(key.user))
        }
        // New entries go where the released entries were: their counts read back exactly.
        for user in 0..<100_000 {
            table.add(counts(1), to: UsageKey(user: Int32(user), scope: 1, day: LocalDay(number: 2)))
        }
        #expect(table.count == 102_000)
        let kept: Int64 = (0..<2_000).reduce(0) { $0 + Int64($1) * 100 }
        let total: Int64 = table.counts.reduce(0) { $0 + $1.units }
        #expect(total == kept + 100_000)
        #expect(table[UsageKey(user: 99_999, scope: 1, day: LocalDay(number: 2))]?.units == 1)
    }
}
