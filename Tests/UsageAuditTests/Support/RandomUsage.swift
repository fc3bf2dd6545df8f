@testable import UsageAudit

extension UsageAggregate {
    /// `cells` seeded random cells of `users` users (`user-0` …), scope indexes `0..<scopes`
    /// and `days` days from day 20,000 on, added in the order drawn (users interleaved):
    /// each is one request of a cost drawn from `cost`, refused when the cost is its largest.
    static func random(seed: UInt64, cells: Int, users: Int, scopes: Int, days: Int32, cost: ClosedRange<Int64>) -> UsageAggregate {
        var random = SeededRandom(seed: seed)
        var usage = UsageAggregate()
        for _ in 0..<cells {
            let user = "user-\(Int.random(in: 0..<users, using: &random))"
            let scope = Int.random(in: 0..<scopes, using: &random)
            let day = LocalDay(number: 20_000 + Int32.random(in: 0..<days, using: &random))
            let units = Int64.random(in: cost, using: &random)
            var counts = UsageCounts()
            counts.record(time: Int64(day.number) * 86_400 + units, units: units, consumed: true, rejected: units == cost.upperBound)
            usage.add(counts, user: user, scope: scope, day: day)
        }
        return usage
    }
}
