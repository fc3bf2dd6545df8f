extension ReconciliationContext {
    /// Calls `body` with each limit check of a run, without keeping them (a large log has
    /// one per user, quota and bucket): the bucket of every profile, plus every bucket that
    /// `includes` admits in which a user used a scope that a quota limits. A profile dated
    /// by its store (`periodStart` of an `Nd` window) replaces the quota's framing of that
    /// user's windows; a calendar period's stored start frames nothing (its buckets are the
    /// calendar's), so its other buckets are judged as without one. A monthly profile of
    /// another framing judges the user's months in its own cycles.
    /// `body` gets the user's series in the check's scope when it is at hand.
    func forEachLimitCheck(
        profileChecks: [LimitCheck], profiles: [StoredProfile], _ body: (LimitCheck, UsageIndex.Series?) -> Void
    ) {
        var seen = Set<LimitCheck.Key>()
        for check in profileChecks where seen.insert(check.key).inserted {
            body(check, nil)
        }
        // Without profile checks, a bucket can repeat only through two quotas of one scope
        // whose periods share a name; otherwise every check below is new (no set needed).
        let mayRepeat = !profileChecks.isEmpty || configuration.hasQuotasSharingAName
        var dated = Set<LimitCheck.Key>()
        for profile in profiles where profile.periodStart != nil && profile.period.isDayWindow {
            dated.insert(LimitCheck.Key(user: profile.user, scope: profile.scope, period: profile.period.name, start: LocalDay(number: 0)))
        }
        for quota in configuration.quotas where isKnown(scope: quota.scope) {
            for user in index.users(using: quota.scope) {
                let pair = (user: user, scope: quota.scope)
                if !dated.isEmpty {
                    let datedKey = LimitCheck.Key(user: pair.user, scope: pair.scope, period: quota.period.name, start: LocalDay(number: 0))
                    if dated.contains(datedKey) { continue }
                }
                guard let series = index.series(user: pair.user, scope: pair.scope) else { continue }
                // A user's own billing cycle where a profile frames the quota's months otherwise.
                var period = quota.period
                if resolver.reframesMonths, let own = resolver.monthlyFraming(user: pair.user, scope: pair.scope, period: period) {
                    period = own
                }
                var last: DayRange?
                for day in series.days {
                    if let last, last.contains(day) { continue }
                    let range = period.bucket(containing: day)
                    last = range
                    guard includes(period, range) else { continue }
                    let check = LimitCheck(user: pair.user, scope: pair.scope, period: period, range: range)
                    if !mayRepeat || seen.insert(check.key).inserted { body(check, series) }
                }
            }
        }
    }

    /// `over_limit_served` when a hard limit let more units through than it allows, and
    /// `blocked_under_limit` when requests were refused (429) while the use was under the
    /// limit (for a hard limit: under `detect.near_limit` of it, where detection's
    /// `limit_reached` takes over) — with the lockout signature (refused with nothing served after a bucket that
    /// reached the limit) named as such. `series` is the user's in the check's scope, if
    /// the caller has it (else it is looked up).
    func limitFindings(for check: LimitCheck, series known: UsageIndex.Series? = nil) -> [ReconciliationFinding] {
        let limit = resolver.limit(user: check.user, scope: check.scope, period: check.period)
        if case .none = limit.value { return [] }
        let series = known ?? index.series(user: check.user, scope: check.scope)
        let counts = series?.counts(in: check.range) ?? UsageCounts()
        let overServed = limit.hard && limit.unitsPast(counts.units) > 0
        let refusedUnder = counts.rejected > 0 && isRefusedUnder(limit, units: counts.units)
        // Most checks find nothing: the words are built only for a finding.
        guard overServed || refusedUnder else { return [] }
        let requestsOnly = counts.requests == counts.units
        let when = phrase(for: check.range, period: check.period)
        // The row the limit came from, else the profile that names the bucket (if any).
        var origin = check.origin
        if case .profile(let source) = limit.source, !source.isEmpty { origin = source }
        func finding(_ kind: FindingKind, _ detail: String) -> ReconciliationFinding {
            ReconciliationFinding(
                user: check.user, scope: check.scope, period: check.period, bucket: check.range, field: "limit",
                stored: limit.reportedLimit, recomputed: counts.units, kind: kind, detail: detail, origin: origin)
        }
        var findings: [ReconciliationFinding] = []
        let served = FindingText.quantity(counts.units, requestsOnly: requestsOnly)
        if limit.hard, case .units(let units) = limit.value, counts.units > units {
            let past = FindingText.count(limit.unitsPast(counts.units))
            let detail = units == 0
                ? "served \(served) \(when) although the limit is 0 (no use allowed, from \(limit.sourceDescription)): "
                    + "the limit was not enforced"
                : "served \(served) \(when) against a hard limit of \(FindingText.count(units)) (from "
                    + "\(limit.sourceDescription)): \(past) past the limit, the limit was not enforced"
            findings.append(finding(.overLimitServed, detail))
        }
        if refusedUnder {
            var unexplained = counts
            unexplained.rejected = unexplainedRefusals(check: check, series: series)
            if unexplained.rejected > 0 {
                findings.append(finding(.blockedUnderLimit, blockedDetail(check: check, limit: limit, counts: unexplained, when: when)))
            }
        }
        return findings
    }

    /// Whether refusals with `units` used are refused under `limit`: below it, and for a
    /// hard limit below `detect.near_limit` of it. Refusals from there on are the limit
    /// working on a store counter a little ahead of the logs, which detection reports as
    /// `limit_reached` (README: the two never judge the same refusals).
    func isRefusedUnder(_ limit: EffectiveLimit, units: Int64) -> Bool {
        guard limit.isUnder(units) else { return false }
        guard limit.hard, case .units(let limitUnits) = limit.value else { return true }
        return !comesNear(limitUnits, used: units)
    }

    /// Whether `used` units come to `detect.near_limit` of a positive limit of `units`, or
    /// reach it (a limit of 0 is reached by any use).
    func comesNear(_ units: Int64, used: Int64) -> Bool {
        if used >= units { return true }
        // In Double, as detection compares: `nearLimit × units` has a fraction.
        return units > 0 && Double(used) >= configuration.analysis.nearLimit * Double(units)
    }

    /// The refusals of `check`'s bucket that no other hard limit over the same requests
    /// explains: a refusal on a day when another quota or profile limit of the user (the
    /// scope's own in another period, `all`'s, or for `all` the limits of the scopes refused
    /// that day) had already come near its limit in its bucket (`comesNear`) is that limit
    /// working.
    private func unexplainedRefusals(check: LimitCheck, series: UsageIndex.Series?) -> Int64 {
        guard let series else { return 0 }
        var candidates: [(scope: String, period: Period)] = configuration.quotas.map { ($0.scope, $0.period) }
        candidates += limitedPeriods[check.user] ?? []
        var refused: Int64 = 0
        var position = series.firstIndex(atOrAfter: check.range.start)
        while position < series.days.count, series.days[position] < check.range.end {
            let day = series.days[position]
            let rejected = series.counts[position].rejected
            position += 1
            guard rejected > 0 else { continue }
            var scopes = [check.scope, AuditConfiguration.allScope]
            if check.scope == AuditConfiguration.allScope {
                scopes += configuration.scopeNames.filter { index.counts(user: check.user, scope: $0, on: day).rejected > 0 }
            }
            let explained = candidates.contains { candidate in
                guard scopes.contains(candidate.scope),
                      candidate.scope != check.scope || !candidate.period.hasSameName(as: check.period)
                else { return false }
                let limit = resolver.limit(user: check.user, scope: candidate.scope, period: candidate.period)
                guard limit.hard, case .units(let units) = limit.value else { return false }
                let bucket = candidate.period.bucket(containing: day)
                let soFar = DayRange(start: bucket.start, end: day.clampedAdding(days: 1))
                return comesNear(units, used: index.counts(user: check.user, scope: candidate.scope, in: soFar).units)
            }
            if !explained { refused = Saturating.add(refused, rejected) }
        }
        return refused
    }

    private func blockedDetail(check: LimitCheck, limit: EffectiveLimit, counts: UsageCounts, when: String) -> String {
        let refused = "refused \(FindingText.count(counts.rejected)) time\(counts.rejected == 1 ? "" : "s") \(when)"
        let requestsOnly = counts.requests == counts.units
        guard case .units(let units) = limit.value else {
            return "\(refused) although the limit is unlimited (from \(limit.sourceDescription)): the store or the "
                + "code applies a limit it should not (or another limit, such as a rate limit, refused them)"
        }
        if counts.units == 0 {
            let before = index.counts(user: check.user, scope: check.scope, in: previous(of: check.range, period: check.period))
            if units > 0, before.units >= units {
                return "\(refused) with 0 served: the limit was checked against \(FindingText.previousBucket(check.period)) "
                    + "count (\(FindingText.count(before.units)) of \(FindingText.count(units))) — the reset is applied "
                    + "lazily after the limit check, which locks the user out"
            }
            return "\(refused) with 0 served, under a limit of \(FindingText.count(units)) (from \(limit.sourceDescription)): "
                + "a stale or wrong stored counter (or another limit, such as a rate limit, refused them)"
        }
        return "\(refused) while only \(FindingText.quantity(counts.units, requestsOnly: requestsOnly)) of "
            + "\(FindingText.count(units)) were used (limit from \(limit.sourceDescription)): refused under the limit — a "
            + "stored counter ahead of the real use (or another limit, such as a rate limit, refused them)"
    }
}
