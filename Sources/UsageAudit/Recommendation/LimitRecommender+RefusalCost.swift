extension LimitRecommender {
    /// The units one refused request of `user` (the aggregate's id) in table slot `slot`
    /// stands for over `range`: the user's units per served request there, so that in a
    /// scope of `cost = 3` twenty refusals are 60 units of demand, not 20. Without a served
    /// request in the range (a user locked out throughout), the scope's constant cost (for
    /// `all`, the one all scopes share), else 1.
    func refusalCost(usage: UsageAggregate, user: Int?, slot: Int, range: DayRange) -> Double {
        let scopeCount = configuration.scopeNames.count
        let scopes = slot >= scopeCount ? Array(0..<scopeCount) : [slot]
        var units: Int64 = 0
        var requests: Int64 = 0
        if let user, let id = Int32(exactly: user) {
            var day = range.start
            while day < range.end {
                for scope in scopes {
                    guard let counts = usage.counts(for: UsageKey(user: id, scope: Int32(scope), day: day)) else { continue }
                    units = Saturating.add(units, max(0, counts.units))
                    requests = Saturating.add(requests, max(0, counts.requests))
                }
                let next = day.clampedAdding(days: 1)
                guard next > day else { break }
                day = next
            }
        }
        if requests > 0 { return Double(units) / Double(requests) }
        return constantCost(ofSlots: scopes) ?? 1
    }

    /// The constant cost every scope of `slots` has (indices into `scopeNames`; `other`
    /// costs 1), nil when they differ or one reads its cost from the log.
    private func constantCost(ofSlots slots: [Int]) -> Double? {
        var shared: Int64?
        for slot in slots {
            let cost: Int64
            if slot < configuration.scopes.count {
                guard case .constant(let units) = configuration.scopes[slot].cost else { return nil }
                cost = units
            } else {
                cost = 1
            }
            if let shared, shared != cost { return nil }
            shared = cost
        }
        return shared.map(Double.init)
    }
}
