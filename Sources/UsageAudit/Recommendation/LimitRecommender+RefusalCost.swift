extension LimitRecommender {
    /// What one refused request of `user` (the aggregate's id) costs in each scope of table
    /// slot `slot` (`all`: every scope), over `lookBack`: the user's units per served
    /// request of that scope, so that in a scope of `cost = 3` twenty refusals are 60 units
    /// of demand, not 20. Without a served request of the scope, its constant cost
    /// (`other`: 1), else 1.
    func refusalCosts(usage: UsageAggregate, user: Int, slot: Int, over lookBack: DayRange) -> [(scope: Int, cost: Double)] {
        let scopeCount = configuration.scopeNames.count
        let scopes = slot >= scopeCount ? Array(0..<scopeCount) : [slot]
        return scopes.map { scope in
            var units: Int64 = 0
            var requests: Int64 = 0
            forEachDay(in: lookBack) { day in
                guard let counts = cell(usage: usage, user: user, scope: scope, day: day) else { return }
                units = Saturating.add(units, max(0, counts.units))
                requests = Saturating.add(requests, max(0, counts.requests))
            }
            if requests > 0 { return (scope, Double(units) / Double(requests)) }
            return (scope, constantCost(ofScope: scope))
        }
    }

    /// The units the refusals of `user` in `range` stand for at `prices` (per scope, each
    /// scope's refusals read from `table`), rounded to whole units, saturating.
    func refusedUnits(table: DailyUnitsTable, user: Int, prices: [(scope: Int, cost: Double)], in range: DayRange) -> Int64 {
        var units = 0.0
        for price in prices {
            let refused = table.counts(user: user, slot: price.scope, from: Int(range.start.number), to: Int(range.end.number)).rejected
            units += Double(max(0, refused)) * price.cost
        }
        let rounded = units.rounded()
        return rounded >= 9.2e18 ? .max : Int64(max(0, rounded))
    }

    private func cell(usage: UsageAggregate, user: Int, scope: Int, day: LocalDay) -> UsageCounts? {
        guard let id = Int32(exactly: user) else { return nil }
        return usage.counts(for: UsageKey(user: id, scope: Int32(scope), day: day))
    }

    private func forEachDay(in range: DayRange, _ body: (LocalDay) -> Void) {
        var day = range.start
        while day < range.end {
            body(day)
            let next = day.clampedAdding(days: 1)
            guard next > day else { break }
            day = next
        }
    }

    /// A scope's constant cost (`other`: 1); 1 for a scope that reads its cost from the log.
    private func constantCost(ofScope scope: Int) -> Double {
        guard scope < configuration.scopes.count else { return 1 }
        if case .constant(let units) = configuration.scopes[scope].cost { return Double(max(0, units)) }
        return 1
    }
}
