import Testing
@testable import UsageAudit

@Suite("UsageIndex")
struct UsageIndexTests {
    private let scopeNames = ["geocoding", "routing", "other"]

    /// Random cells of 5 users in the three scopes and, now and then, a scope index past the
    /// names (counted as `other`, so that `other` then has two cells on one day).
    private func aggregate(seed: UInt64) -> UsageAggregate {
        var random = SeededRandom(seed: seed)
        var usage = UsageAggregate()
        for _ in 0..<400 {
            let user = "user-\(Int.random(in: 0..<5, using: &random))"
            let scope = Int.random(in: 0..<4, using: &random)
            let day = LocalDay(number: 20_000 + Int32.random(in: 0..<40, using: &random))
            let units = Int64.random(in: 0..<3, using: &random)
            var counts = UsageCounts()
            counts.record(time: Int64(day.number) * 86_400 + units, units: units, consumed: true, rejected: units == 0)
            usage.add(counts, user: user, scope: scope, day: day)
        }
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
}
