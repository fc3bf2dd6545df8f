import Testing
@testable import UsageAudit

@Suite("UsageAggregate")
struct UsageAggregateTests {
    /// One request as the counter hands it to an aggregate.
    private struct Request {
        var user: String
        var scope: Int
        var day: LocalDay
        var time: Int64
        var units: Int64
        var consumed: Bool
        var rejected: Bool
    }


    private static let userPool = ["alice", "bob", "key:sk_liv…", "ip:10.0.0.1", "Zoë", "ключ", "", "a,b", "user-42"]

    private func requests(count: Int, using generator: inout SeededRandom) -> [Request] {
        (0..<count).map { _ in
            let day = LocalDay(number: Int32.random(in: 20_400...20_420, using: &generator))
            let consumed = Int.random(in: 0..<10, using: &generator) > 0
            return Request(
                user: Self.userPool.randomElement(using: &generator)!,
                scope: Int.random(in: 0...3, using: &generator),
                day: day,
                time: Int64(day.number) * 86_400 + Int64.random(in: 0..<86_400, using: &generator),
                units: Int64.random(in: 0...50, using: &generator),
                consumed: consumed,
                rejected: !consumed || Int.random(in: 0..<20, using: &generator) == 0)
        }
    }

    private func aggregate(_ requests: some Sequence<Request>) -> UsageAggregate {
        var aggregate = UsageAggregate()
        for request in requests {
            var user = request.user
            user.withUTF8 { bytes in
                aggregate.record(
                    user: bytes, scope: request.scope, day: request.day, time: request.time,
                    units: request.units, consumed: request.consumed, rejected: request.rejected)
            }
        }
        return aggregate
    }

    private func merged(_ parts: [UsageAggregate]) -> UsageAggregate {
        var total = UsageAggregate()
        for part in parts { total.merge(part) }
        return total
    }

    @Test("record keys cells by user, scope and day")
    func record() {
        let day = LocalDay(CivilDate(year: 2026, month: 11, day: 21))
        let whole = aggregate([
            Request(user: "alice", scope: 0, day: day, time: 10, units: 2, consumed: true, rejected: false),
            Request(user: "alice", scope: 0, day: day, time: 5, units: 3, consumed: true, rejected: false),
            Request(user: "alice", scope: 1, day: day, time: 7, units: 1, consumed: true, rejected: false),
            Request(user: "bob", scope: 0, day: day.adding(days: 1), time: 99, units: 0, consumed: false, rejected: true),
        ])
        #expect(whole.users.count == 2)
        #expect(whole.cellsByName == [
            UsageCellName(user: "alice", scope: 0, day: day): UsageCounts(requests: 2, units: 5, rejected: 0, firstSeen: 5, lastSeen: 10),
            UsageCellName(user: "alice", scope: 1, day: day): UsageCounts(requests: 1, units: 1, rejected: 0, firstSeen: 7, lastSeen: 7),
            UsageCellName(user: "bob", scope: 0, day: day.adding(days: 1)): UsageCounts(requests: 0, units: 0, rejected: 1, firstSeen: 99, lastSeen: 99),
        ])
    }

    @Test("add by name lands in the same cell as record")
    func addByName() {
        let day = LocalDay(number: 20_000)
        var aggregate = aggregate([Request(user: "alice", scope: 2, day: day, time: 3, units: 4, consumed: true, rejected: false)])
        aggregate.add(UsageCounts(requests: 1, units: 6, rejected: 0, firstSeen: 1, lastSeen: 1), user: "alice", scope: 2, day: day)
        #expect(aggregate.cells.count == 1)
        #expect(aggregate.cellsByName[UsageCellName(user: "alice", scope: 2, day: day)]
            == UsageCounts(requests: 2, units: 10, rejected: 0, firstSeen: 1, lastSeen: 3))
    }

    @Test("merging with an empty aggregate changes nothing, either way round")
    func emptyMerge() {
        var generator = SeededRandom(seed: 7)
        let whole = aggregate(requests(count: 300, using: &generator))
        #expect(merged([whole, UsageAggregate()]).cellsByName == whole.cellsByName)
        #expect(merged([UsageAggregate(), whole]).cellsByName == whole.cellsByName)
        var copy = whole
        copy.merge(UsageAggregate())
        #expect(copy.cellsByName == whole.cellsByName)
    }

    @Test("merge maps user ids: the same name gets one id whatever the order users appeared in")
    func userIdMapping() {
        let day = LocalDay(number: 1)
        let first = aggregate([
            Request(user: "alice", scope: 0, day: day, time: 1, units: 1, consumed: true, rejected: false),
            Request(user: "bob", scope: 0, day: day, time: 1, units: 1, consumed: true, rejected: false),
        ])
        let second = aggregate([
            Request(user: "bob", scope: 0, day: day, time: 2, units: 10, consumed: true, rejected: false),
            Request(user: "carol", scope: 0, day: day, time: 2, units: 10, consumed: true, rejected: false),
        ])
        var total = first
        total.merge(second)
        #expect(total.users.count == 3)
        #expect(total.cells.count == 3)
        #expect(total.cellsByName[UsageCellName(user: "bob", scope: 0, day: day)]?.units == 11)
        #expect(total.cellsByName[UsageCellName(user: "alice", scope: 0, day: day)]?.units == 1)
        #expect(total.cellsByName[UsageCellName(user: "carol", scope: 0, day: day)]?.units == 10)
    }

    @Test("merge is exact, associative and commutative over random splits", arguments: Array(UInt64(1)...UInt64(12)))
    func randomSplits(seed: UInt64) {
        var generator = SeededRandom(seed: seed)
        let all = requests(count: Int.random(in: 1...600, using: &generator), using: &generator)
        let whole = aggregate(all)
        let partCount = seed % 2 == 0 ? 2 : 3
        var parts = Array(repeating: [Request](), count: Int(partCount))
        for request in all {
            parts[Int.random(in: 0..<Int(partCount), using: &generator)].append(request)
        }
        let aggregates = parts.map(aggregate)
        let expected = whole.cellsByName
        // Every order of merging the parts into an empty aggregate.
        for order in permutations(Array(aggregates.indices)) {
            #expect(merged(order.map { aggregates[$0] }).cellsByName == expected, "order \(order)")
        }
        if partCount == 3 {
            // (a + b) + c == a + (b + c), with the inner merges done first.
            var left = aggregates[0]
            left.merge(aggregates[1])
            left.merge(aggregates[2])
            var inner = aggregates[1]
            inner.merge(aggregates[2])
            var right = aggregates[0]
            right.merge(inner)
            #expect(left.cellsByName == expected)
            #expect(right.cellsByName == expected)
        } else {
            var ab = aggregates[0]
            ab.merge(aggregates[1])
            var ba = aggregates[1]
            ba.merge(aggregates[0])
            #expect(ab.cellsByName == ba.cellsByName)
            #expect(ab.cellsByName == expected)
        }
    }

    @Test("merging an aggregate into itself doubles every counter")
    func selfMerge() {
        var generator = SeededRandom(seed: 99)
        let whole = aggregate(requests(count: 200, using: &generator))
        var doubled = whole
        doubled.merge(whole)
        let expected = whole.cellsByName.mapValues { $0.merging($0) }
        #expect(doubled.cellsByName == expected)
    }

    private func permutations(_ items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        var result: [[Int]] = []
        for (index, item) in items.enumerated() {
            var rest = items
            rest.remove(at: index)
            for tail in permutations(rest) { result.append([item] + tail) }
        }
        return result
    }

    @Test("daily series for chosen users equal those users' series among all")
    func dailySeriesOfChosenUsers() {
        var aggregate = UsageAggregate()
        let day = LocalDay(number: 9_000)
        for (offset, user) in ["carol", "alice", "bob"].enumerated() {
            let counts = UsageCounts(requests: 2, units: Int64(3 + offset), rejected: 0, firstSeen: 1, lastSeen: 1)
            aggregate.add(counts, user: user, scope: 0, day: day)
            aggregate.add(counts, user: user, scope: 1, day: day.adding(days: 1))
        }
        let every = aggregate.dailySeries(scopeNames: ["maps", "other"])
        let chosen = aggregate.dailySeries(scopeNames: ["maps", "other"], users: ["carol", "alice", "nobody"])
        #expect(chosen.map(\.user) == ["alice", "alice", "alice", "carol", "carol", "carol"])
        #expect(chosen.map(\.scope) == every.filter { $0.user != "bob" }.map(\.scope))
        #expect(chosen.map(\.counts) == every.filter { $0.user != "bob" }.map(\.counts))
        #expect(aggregate.dailySeries(scopeNames: ["maps", "other"], users: []).isEmpty)
    }

    @Test("chosen users are matched as strings compare: canonically equal spellings, ASCII or not")
    func dailySeriesOfCanonicallyEqualUsers() {
        var aggregate = UsageAggregate()
        let day = LocalDay(number: 9_000)
        // The Kelvin sign equals K, and é equals e + combining acute, as Swift strings compare.
        let names = ["Kelvin", "\u{212A}elvin", "caf\u{E9}", "cafe\u{301}", "bob"]
        for (offset, user) in names.enumerated() {
            aggregate.add(UsageCounts(requests: 1, units: Int64(offset + 1), rejected: 0, firstSeen: 1, lastSeen: 1), user: user, scope: 0, day: day)
        }
        let every = aggregate.dailySeries(scopeNames: ["maps"])
        for wanted: Set<String> in [["Kelvin"], ["\u{212A}elvin"], ["caf\u{E9}"], ["bob", "nobody"], ["cafe\u{301}", "Kelvin"]] {
            let chosen = aggregate.dailySeries(scopeNames: ["maps"], users: wanted)
            let expected = every.filter { wanted.contains($0.user) }
            #expect(chosen.map(\.user) == expected.map(\.user), "\(wanted)")
            #expect(chosen.map(\.counts) == expected.map(\.counts), "\(wanted)")
        }
        #expect(Set(aggregate.dailySeries(scopeNames: ["maps"], users: ["Kelvin"]).map(\.counts.values.first?.units)) == [1, 2])
    }

    @Test("arranging by user orders the cells by name bytes, day and scope, and changes no count")
    func arrangeByUser() {
        var generator = SeededRandom(seed: 77)
        let before = aggregate(requests(count: 3_000, using: &generator))
        var arranged = before
        arranged.arrangeByUser()
        #expect(arranged.cellsByName == before.cellsByName)
        #expect(arranged.userRanks == before.users.ranksByBytes())
        let keys = arranged.cellKeys
        let ranks = arranged.userRanks
        let sortKeys = keys.map { (Int(ranks[Int($0.user)]), Int($0.day.number), Int($0.scope)) }
        #expect(zip(sortKeys, sortKeys.dropFirst()).allSatisfy { $0 < $1 })
        for (key, counts) in zip(keys, arranged.cellCounts) {
            #expect(arranged.counts(for: key) == counts)
        }
        // Still countable after: a new user makes the cached ranks stale, not wrong.
        var name = "Aaron"
        name.withUTF8 { bytes in
            arranged.record(user: bytes, scope: 0, day: LocalDay(number: 20_400), time: 20_400 * 86_400, units: 1, consumed: true, rejected: false)
        }
        #expect(arranged.userRanks == arranged.users.ranksByBytes())
        #expect(arranged.userRanks[Int(arranged.users.lookup("Aaron")!)] == 1)
    }
}
