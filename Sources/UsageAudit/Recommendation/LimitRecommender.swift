/// Advice on users' limits from their demand (DESIGN §6, `recommendations.csv`): raise a
/// limit that demand presses on, raise it for a while for a one-off bulk job, lower or
/// revert a custom limit long unused, or keep it.
///
/// Demand per bucket of the limit's period is units served plus requests refused (429s are
/// unmet demand), over a look-back of complete buckets before the as-of bucket plus the
/// as-of bucket itself (`RecommendationRules.lookBack(for:)`). The rules, in order:
///
/// * `raise` — demand reached `nearLimit × limit` in at least a quarter of the observed
///   buckets and in at least 3 of them (`day`) or 2 (longer periods). Recommended:
///   `p95 × headroom`, at least 1.25 × the limit, rounded up by `HumanNumber`.
/// * `temporary_raise` — a bucket among the latest (the last 3 days; the last 2 buckets of
///   longer periods) reached `nearLimit × limit` while every other observed bucket stayed at
///   or under half the limit. Recommended: 2× the default (the current limit when there is
///   no default or it is higher), 3× when 2× does not cover the job's demand × headroom;
///   never more than 3×.
/// * `revert_to_default` — a custom value (from the profile, above the default) whose peak
///   demand stays under `nearLimit × default`, with at least 4 weeks of history.
/// * `lower` — a custom value whose peak demand is under a quarter of it, with at least 4
///   weeks of history. Recommended: `peak × headroom × 2` (at least 100), rounded up.
/// * `keep` — otherwise.
///
/// Only limits of a positive number of units get advice: no limit, unlimited and 0 (a
/// deliberate block) are left alone. Scopes the configuration does not count (a profile
/// for a service without a `[[scope]]`) get none either: their demand is unknown.
public struct LimitRecommender {
    public let configuration: AuditConfiguration
    public let limits: LimitResolver
    let calendar: ZonedCalendar

    public init(configuration: AuditConfiguration, limits: LimitResolver, calendar: ZonedCalendar) {
        self.configuration = configuration
        self.limits = limits
        self.calendar = calendar
    }

    /// Users by the bytes of their names, as everywhere else: two spellings that Swift deems
    /// equal (precomposed and decomposed accents) are two users.
    private struct CandidateKey: Hashable {
        var user: [UInt8]
        var scope: String
        var period: String
    }

    /// Advice for every (user, scope, period) with a limit (`.units(n)`, n > 0) that has a
    /// profile or use in the look-back; sorted by user (UTF-8), scope (`all` first, then
    /// configuration order), period (`day`, then the configuration's order), action.
    /// `keep` rows only when `includeKeep`.
    /// - Parameters:
    ///   - usage: the daily usage history (the longer, the better the advice: at least the
    ///     look-back, four weeks for daily limits).
    ///   - profiles: the stored profiles (the same the `LimitResolver` was made from).
    ///   - asOf: the audit moment, in epoch seconds.
    public func recommendations(
        usage: UsageAggregate, profiles: [StoredProfile], asOf: Int64, includeKeep: Bool = false
    ) -> [Recommendation] {
        let asOfDay = calendar.localDay(containing: asOf)
        let scopeNames = configuration.scopeNames
        // Every user's days in one flat table (a few allocations for 100,000 users), read
        // per bucket of the look-back.
        let table = DailyUnitsTable(usage: usage, scopeCount: scopeNames.count, days: Int(Int32.min)...Int(Int32.max))
        let horizon = (0..<table.userCount).lazy.compactMap { table.firstDay(user: $0, slot: table.allSlot) }.min()
            .map(LocalDay.init(number:))
        func slot(of scope: String) -> Int? {
            if scope == AuditConfiguration.allScope { return table.allSlot }
            return scopeNames.firstIndex(of: scope)
        }
        var lookBacks: [Period: [DayRange]] = [:]
        let allScopesCostOne = configuration.scopes.allSatisfy { $0.cost == .constant(1) }
        let advisor = LimitAdvisor(settings: configuration.analysis)
        var seen = Set<CandidateKey>()
        // Without profiles, a candidate can repeat only through two quotas of one scope whose
        // periods share a name; otherwise the users × quotas below are all new (no set).
        let mayRepeat = !profiles.isEmpty || configuration.hasQuotasSharingAName
        var results: [Recommendation] = []

        func consider(user: String, id: Int?, scope: String, period: Period, fromProfile: Bool) {
            guard isCounted(scope: scope), let slot = slot(of: scope),
                  !mayRepeat || seen.insert(CandidateKey(user: Array(user.utf8), scope: scope, period: period.name)).inserted,
                  let candidate = LimitCandidate(user: user, scope: scope, period: period, limits: limits)
            else { return }
            // A user's history starts at their first use of anything; a profile without any
            // use is as old as the audited data.
            let userStart = id.flatMap { table.firstDay(user: $0, slot: table.allSlot) }.map(LocalDay.init(number:))
            let ranges = lookBacks[candidate.period] ?? {
                let ranges = DemandHistory.ranges(
                    period: candidate.period, asOfDay: asOfDay, count: RecommendationRules.lookBack(for: candidate.period) + 1)
                lookBacks[candidate.period] = ranges
                return ranges
            }()
            // Each scope's price of a refusal, found once per candidate when needed.
            var refusalPrices: [(scope: Int, cost: Double)]?
            let history = DemandHistory(
                period: candidate.period, asOfDay: asOfDay, historyStart: userStart ?? (fromProfile ? horizon : nil),
                ranges: ranges,
                counts: { range in
                    guard let id else { return DayCounts() }
                    return table.counts(user: id, slot: slot, from: Int(range.start.number), to: Int(range.end.number))
                },
                pricesRefusals: slot == table.allSlot && !allScopesCostOne,
                refusedUnits: { lookBack, bucket in
                    guard let id else { return nil }
                    let prices = refusalPrices ?? refusalCosts(usage: usage, user: id, slot: slot, over: lookBack)
                    refusalPrices = prices
                    return refusedUnits(table: table, user: id, prices: prices, in: bucket)
                })
            guard fromProfile || history.hasDemand else { return }
            if let advice = advisor.advice(for: candidate, history: history, includesKeep: includeKeep),
               includeKeep || advice.action != .keep {
                results.append(advice)
            }
        }

        for profile in profiles {
            consider(
                user: profile.user, id: usage.users.lookup(profile.user).map(Int.init), scope: profile.scope,
                period: LimitCandidate.period(of: profile, limits: limits), fromProfile: true)
        }
        // Each (user, scope, period) is considered once (`seen`, when one could repeat) and
        // `sorted` orders them all, so the users' order is as good as any. A user is
        // considered for the quotas of the scopes they used (at any time: the look-back
        // decides whether that was recent).
        let quotas = configuration.quotas.compactMap { quota in slot(of: quota.scope).map { (quota, $0) } }
        for id in 0..<table.userCount {
            var user: String?
            for (quota, slot) in quotas where table.firstDay(user: id, slot: slot) != nil {
                if user == nil { user = usage.userName(Int32(id)) }
                consider(user: user!, id: id, scope: quota.scope, period: quota.period, fromProfile: false)
            }
        }
        return sorted(results)
    }

    /// Whether usage of `scope` is counted, so that its demand is known: `all` and the
    /// configuration's scopes (with `other`).
    func isCounted(scope: String) -> Bool {
        scope == AuditConfiguration.allScope || configuration.scopeNames.contains(scope)
    }

    /// `recommendations` in report order.
    func sorted(_ recommendations: [Recommendation]) -> [Recommendation] {
        let scopeNames = configuration.scopeNames
        func scopeRank(_ scope: String) -> Int {
            if scope == AuditConfiguration.allScope { return 0 }
            return (scopeNames.firstIndex(of: scope) ?? scopeNames.count) + 1
        }
        func periodRank(_ recommendation: Recommendation) -> Int {
            let periods = configuration.periods(forScope: recommendation.scope).map(\.name)
            return periods.firstIndex(of: recommendation.period.name) ?? periods.count
        }
        return recommendations.sorted { left, right in
            if left.user != right.user { return left.user.utf8.lexicographicallyPrecedes(right.user.utf8) }
            let (leftScope, rightScope) = (scopeRank(left.scope), scopeRank(right.scope))
            if leftScope != rightScope { return leftScope < rightScope }
            if left.scope != right.scope { return left.scope.utf8.lexicographicallyPrecedes(right.scope.utf8) }
            let (leftPeriod, rightPeriod) = (periodRank(left), periodRank(right))
            if leftPeriod != rightPeriod { return leftPeriod < rightPeriod }
            if left.period.name != right.period.name { return left.period.name.utf8.lexicographicallyPrecedes(right.period.name.utf8) }
            return left.action < right.action
        }
    }
}
