import Testing
@testable import UsageAudit

@Suite("UsageIndex")
struct UsageIndexTests {
    private let scopeNames = ["geocoding", "routing", "other"]

    /// Random cells of 5 users in the three scopes and, now and then, a scope index past the
    /// names (counted as `other`, so that `other` then has two cells on one day); days with
    /// no units among them.
    private func aggregate(seed: UInt64) -> UsageAggregate {
        var usage = UsageAggregate.random(seed: seed, cells: 400, users: 5, scopes: 4, days: 40, cost: 0...2)
        usage.arrangeByUser()
        return usage
    }

    /// The counts of `user` in `scope` per day, summed from the cells one by one.
    private func expected(_ usage: UsageAggregate, user: String, scope: String) -> [LocalDay: UsageCounts] {
        var days: [LocalDay: UsageCounts] = [:]
        usage.forEachCell { key, counts in
            let name = Int(key.scope) < scopeNames.count ? scopeNames[Int(key.scope)] : "other"
            guard usage.userName(key.user) == user, scope == "all" || name == scope else { return }
            days[key.day, default: UsageCounts()].merge(counts)
        }
        return days
    }

    @Test("each series holds its days in order with their counts, whether its own cells or sums of several", arguments: [1, 2, 3] as [UInt64])
    func series(seed: UInt64) {
        let usage = aggregate(seed: seed)
        let index = UsageIndex(aggregate: usage, scopeNames: scopeNames)
        for user in (0..<5).map({ "user-\($0)" }) {
            for scope in scopeNames + ["all"] {
                let want = expected(usage, user: user, scope: scope)
                guard let series = index.series(user: user, scope: scope) else {
                    #expect(want.isEmpty, "\(user) \(scope)")
                    continue
                }
                #expect(Array(series.days) == want.keys.sorted(), "\(user) \(scope)")
                #expect(Array(series.counts) == want.keys.sorted().map { want[$0]! }, "\(user) \(scope)")
                let range = DayRange(start: LocalDay(number: 20_010), end: LocalDay(number: 20_020))
                var total = UsageCounts()
                for (day, counts) in want where range.contains(day) { total.merge(counts) }
                #expect(series.counts(in: range) == total)
                let last = want.filter { $0.key < LocalDay(number: 20_030) && $0.value.units > 0 }.keys.max()
                #expect(index.lastDayWithUnits(user: user, scope: scope, before: LocalDay(number: 20_030)) == last)
            }
        }
    }
    @Test("users whose names are equal as Strings but not as bytes keep their own series, asked in any order")
    func canonicallyEqualUsers() {
        var usage = UsageAggregate()
        let day = LocalDay(number: 20_000)
        // The Kelvin sign equals K, and é equals e + combining acute, as Swift strings compare.
        let names = ["K", "\u{212A}", "caf\u{E9}", "cafe\u{301}"]
        for (offset, name) in names.enumerated() {
            let units = Int64(10 * (offset + 1))
            usage.add(UsageCounts(requests: units, units: units, rejected: 0, firstSeen: 1, lastSeen: 1), user: name, scope: 0, day: day)
        }
        usage.arrangeByUser()
        let index = UsageIndex(aggregate: usage, scopeNames: scopeNames)
        for order in [names, names.reversed(), ["K", "\u{212A}", "K", "cafe\u{301}", "caf\u{E9}"]] {
            for name in order {
                let units = Int64(10 * (names.firstIndex { $0.utf8.elementsEqual(name.utf8) }! + 1))
                #expect(index.counts(user: name, scope: "geocoding", on: day).units == units, "\(Array(name.unicodeScalars))")
                #expect(index.series(user: name, scope: "all")?.counts.first?.units == units)
            }
        }
        #expect(!index.hasTraffic(user: "k"))
    }

    @Test("forEachUser gives each user of a scope, by the bytes of the names, with what a lookup by the name gives")
    func usersOfAScope() {
        var usage = UsageAggregate()
        let day = LocalDay(number: 20_000)
        func add(_ name: [UInt8], scope: Int, units: Int64) {
            let id = name.withUnsafeBufferPointer { usage.intern(user: $0) }
            usage.add(UsageCounts(requests: units, units: units, rejected: 0, firstSeen: 1, lastSeen: 1), userID: id, scope: scope, day: day)
        }
        add(Array("zoë".utf8), scope: 0, units: 1)
        add(Array("ann".utf8), scope: 0, units: 2)
        add(Array("bob".utf8), scope: 1, units: 3)
        // Not UTF-8: it reads back as "x\u{FFFD}", and a lookup by that name finds the user
        // whose bytes those are, or (without one) nothing.
        add([0x78, 0x80], scope: 0, units: 4)
        add(Array("x\u{FFFD}".utf8), scope: 0, units: 5)
        add([0x79, 0x80], scope: 0, units: 6)
        usage.arrangeByUser()
        let index = UsageIndex(aggregate: usage, scopeNames: scopeNames)
        var seen: [(String, Int64)] = []
        index.forEachUser(using: "geocoding") { user, series in seen.append((user, series.counts.first?.units ?? -1)) }
        #expect(seen.map(\.0) == ["ann", "x\u{FFFD}", "x\u{FFFD}", "zoë"])
        #expect(seen.map(\.1) == [2, 5, 5, 1])
        for (user, _) in seen { #expect(index.series(user: user, scope: "geocoding") != nil) }
        var all: [String] = []
        index.forEachUser(using: "all") { user, _ in all.append(user) }
        #expect(all == ["ann", "bob", "x\u{FFFD}", "x\u{FFFD}", "zoë"])
        var none = 0
        index.forEachUser(using: "nothing") { _, _ in none += 1 }
        #expect(none == 0)
    }
}
