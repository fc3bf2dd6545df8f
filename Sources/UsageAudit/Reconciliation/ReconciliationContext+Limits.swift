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
            index.forEachUser(using: quota.scope) { user, series in
                let pair = (user: user, scope: quota.scope)
                if !dated.isEmpty {
                    let datedKey = LimitCheck.Key(user: pair.user, scope: pair.scope, period: quota.period.name, start: LocalDay(number: 0))
                    if dated.contains(datedKey) { return }
                }
                // A user's own billing cycle where a profile frames the quota's months otherwise.
                var period = quota.period
                if resolver.reframesMonths, let own = resolver.monthlyFraming(user: pair.user, scope: pair.scope, period: period) {
                    period = own
                }
                forEachIncludedBucket(of: series, in: period) { range in
                    let check = LimitCheck(user: pair.user, scope: pair.scope, period: period, range: range)
                    if !mayRepeat || seen.insert(check.key).inserted { body(check, series) }
                }
            }
        }
        forEachUnquotedProfileBucket(profiles: profiles, profileChecks: profileChecks) { check, series in
            if seen.insert(check.key).inserted { body(check, series) }
        }
    }

    /// The buckets of use under a profile whose scope and period no quota has: its limit is
    /// the only one there, and it holds in every bucket of the user's use that `includes`
    /// admits, not only in the one the counter was read in (`usage.csv` shows it in each).
    /// An `Nd` window dated by the store is framed from the latest `periodStart` of the
    /// counter's rows; a bucket that overlaps one a profile names is left to that one (a
    /// store's windows need not follow one framing).
    private func forEachUnquotedProfileBucket(
        profiles: [StoredProfile], profileChecks: [LimitCheck], _ body: (LimitCheck, UsageIndex.Series) -> Void
    ) {
        // Per counter, the profile whose framing is used: the latest dated, else the first.
        var framing: [CounterKey: StoredProfile] = [:]
        var order: [CounterKey] = []
        for profile in profiles where isKnown(scope: profile.scope) && resolver.quota(scope: profile.scope, period: profile.period) == nil {
            let counter = CounterKey(profile)
            guard let chosen = framing[counter] else {
                framing[counter] = profile
                order.append(counter)
                continue
            }
            if let start = profile.periodStart, chosen.periodStart.map({ start > $0 }) ?? true { framing[counter] = profile }
        }
        guard !order.isEmpty else { return }
        var named: [CounterKey: [DayRange]] = [:]
        for check in profileChecks { named[CounterKey(user: check.user, scope: check.scope, period: check.period), default: []].append(check.range) }
        for counter in order {
            guard let profile = framing[counter], let series = index.series(user: profile.user, scope: profile.scope) else { continue }
            var period = profile.period
            if case .days(let count, _) = period, let start = profile.periodStart { period = .days(count, anchor: start) }
            let taken = named[counter] ?? []
            forEachIncludedBucket(of: series, in: period) { range in
                guard !taken.contains(where: { $0.start < range.end && range.start < $0.end }) else { return }
                body(LimitCheck(user: profile.user, scope: profile.scope, period: period, range: range, origin: profile.origin), series)
            }
        }
    }

    /// Calls `body` with each bucket of `period` that holds a day of `series` and that
    /// `includes` admits, once each, in order.
    private func forEachIncludedBucket(of series: UsageIndex.Series, in period: Period, _ body: (DayRange) -> Void) {
        var last: DayRange?
        // A period's buckets partition the days: none before the one that holds
        // `includedFrom` is included, so months of history are skipped by a binary search.
        let first = includedFrom.map { series.firstIndex(atOrAfter: period.bucket(containing: $0).start) } ?? 0
        for day in series.days[first...] {
            if let last, last.contains(day) { continue }
            let range = period.bucket(containing: day)
            last = range
            if includes(period, range) { body(range) }
        }
    }

    /// `over_limit_served` when a hard limit let more units through than it allows, and
    /// `blocked_under_limit` when requests were refused (429) while the use was under the
    /// limit — with the lockout signature (refused with nothing served after a bucket that
    /// reached the limit) named as such. Refusals once the use had come to
    /// `detect.near_limit` of a hard limit that detection judges are that limit working
    /// (`limit_reached` there): see `unexplainedRefusals`. `series` is the user's in the
    /// check's scope, if the caller has it (else it is looked up).
    func limitFindings(for check: LimitCheck, series known: UsageIndex.Series? = nil) -> [ReconciliationFinding] {
        let limit = resolver.limit(user: check.user, scope: check.scope, period: check.period)
        if case .none = limit.value { return [] }
        let series = known ?? index.series(user: check.user, scope: check.scope)
        let counts = series?.counts(in: check.range) ?? UsageCounts()
        let overServed = limit.hard && limit.unitsPast(counts.units) > 0
        // Refusals of a hard limit are judged at the time they happened, whatever the bucket
        // came to later (a lockout at 00:10 before a day that reached the limit); a soft
        // limit's bucket past it is overage, not refusals under it.
        let refusedUnder = counts.rejected > 0 && (limit.hard || limit.isUnder(counts.units))
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
            let unexplained = unexplainedRefusals(check: check, limit: limit, series: series)
            if unexplained.refused > 0 {
                findings.append(finding(.blockedUnderLimit, blockedDetail(
                    check: check, limit: limit, refused: unexplained.refused, used: unexplained.used, requestsOnly: requestsOnly,
                    when: when)))
            }
        }
        return findings
    }

    /// Whether `used` units come to `detect.near_limit` of a positive limit of `units`, or
    /// reach it (a limit of 0 is reached by any use).
    func comesNear(_ units: Int64, used: Int64) -> Bool {
        if used >= units { return true }
        // In Double, as detection compares: `nearLimit × units` has a fraction.
        return units > 0 && Double(used) >= configuration.analysis.nearLimit * Double(units)
    }

    /// The units of a hard limit that explains refusals from where use comes near it (or
    /// reaches it, for a limit detection does not judge: no quota of its scope and period),
    /// nil for a limit that explains none.
    private func explainingUnits(of limit: EffectiveLimit, scope: String, period: Period) -> (units: Int64, judged: Bool)? {
        guard limit.hard, case .units(let units) = limit.value else { return nil }
        return (units, resolver.defaultQuota(scope: scope, period: period) != nil)
    }

    /// Whether use of `used` explains refusals under a limit of `explaining`.
    private func explains(_ explaining: (units: Int64, judged: Bool), used: Int64) -> Bool {
        explaining.judged ? comesNear(explaining.units, used: used) : used >= explaining.units
    }

    /// The refusals of `check`'s bucket that no hard limit over the same requests explains.
    ///
    /// A hard limit explains refusals once its bucket's use had come to `detect.near_limit`
    /// of it (detection's `limit_reached`; for a limit only a profile has, which detection
    /// does not judge, once it had reached it). The limits asked are the check's own, and
    /// the user's other quota and profile limits over the same requests (the scope's own in
    /// another period, `all`'s, or for `all` the limits of the scopes refused that day). A
    /// day on which one of them crossed that line is split by the hourly usage where it
    /// covers the day: refusals in hours that ended with every limit still short of it stay
    /// unexplained (a lockout at 00:10 before a busy day). Where the hours are not known,
    /// the whole day is taken as the limit working.
    /// Also returns the bucket's use when the last of them came (at the end of its hour,
    /// or of its day where the hours are not split), for the finding's words.
    private func unexplainedRefusals(
        check: LimitCheck, limit: EffectiveLimit, series: UsageIndex.Series?
    ) -> (refused: Int64, used: Int64) {
        guard let series else { return (0, 0) }
        var candidates: [(scope: String, period: Period)] = [(check.scope, check.period)]
        for quota in configuration.quotas { candidates.append((quota.scope, quota.period)) }
        candidates += limitedPeriods[check.user] ?? []
        var refused: Int64 = 0
        var usedAtRefusal: Int64 = 0
        var position = series.firstIndex(atOrAfter: check.range.start)
        while position < series.days.count, series.days[position] < check.range.end {
            let day = series.days[position]
            // Read once: a day of `all` is summed from its cells on each read.
            let dayCounts = series.counts[position]
            let (rejected, dayUnits) = (dayCounts.rejected, dayCounts.units)
            position += 1
            guard rejected > 0 else { continue }
            var scopes = [check.scope, AuditConfiguration.allScope]
            if check.scope == AuditConfiguration.allScope {
                scopes += configuration.scopeNames.filter { index.counts(user: check.user, scope: $0, on: day).rejected > 0 }
            }
            // The limits that came near by the end of the day, with their use before it.
            var crossing: [Crossing] = []
            var explainedAllDay = false
            for (offset, candidate) in candidates.enumerated() {
                let isOwn = offset == 0
                guard isOwn || (scopes.contains(candidate.scope)
                    && (candidate.scope != check.scope || !candidate.period.hasSameName(as: check.period)))
                else { continue }
                let candidateLimit = isOwn ? limit : resolver.limit(user: check.user, scope: candidate.scope, period: candidate.period)
                guard let explaining = explainingUnits(of: candidateLimit, scope: candidate.scope, period: candidate.period) else { continue }
                let bucket = isOwn ? check.range : candidate.period.bucket(containing: day)
                let before = index.counts(user: check.user, scope: candidate.scope, in: DayRange(start: bucket.start, end: day)).units
                if explains(explaining, used: before) {
                    explainedAllDay = true
                    break
                }
                let candidateDay = index.counts(user: check.user, scope: candidate.scope, on: day).units
                if explains(explaining, used: Saturating.add(before, candidateDay)) {
                    crossing.append(Crossing(explaining: explaining, scope: candidate.scope, before: before))
                }
            }
            if explainedAllDay { continue }
            let usedBefore = series.counts(in: DayRange(start: check.range.start, end: day)).units
            let unexplained = crossing.isEmpty
                ? (rejected, Saturating.add(usedBefore, dayUnits))
                : refusalsUnder(crossing, user: check.user, scope: check.scope, day: day, usedBefore: usedBefore) ?? (0, 0)
            guard unexplained.0 > 0 else { continue }
            refused = Saturating.add(refused, unexplained.0)
            usedAtRefusal = max(usedAtRefusal, unexplained.1)
        }
        return (refused, usedAtRefusal)
    }

    /// A limit whose bucket's use came near it during a day: what it needs, its scope and
    /// its use before the day.
    private struct Crossing {
        var explaining: (units: Int64, judged: Bool)
        var scope: String
        var before: Int64
    }

    /// The refusals in `scope` on `day` in hours that ended with every limit of `crossing`
    /// still short of what it needs, and the use in `scope` (from `usedBefore` the day) at
    /// the end of the last such hour; nil where the hourly usage does not cover the day.
    private func refusalsUnder(
        _ crossing: [Crossing], user: String, scope: String, day: LocalDay, usedBefore: Int64
    ) -> (Int64, Int64)? {
        guard let hourly, let scopes = scopeIndices[scope] else { return nil }
        var used = crossing.map(\.before)
        var usedInScope = usedBefore
        var usedAtRefusal: Int64 = 0
        let end = calendar.startOfDay(day.clampedAdding(days: 1))
        var hour = calendar.startOfDay(day)
        var refused: Int64 = 0
        while hour < end {
            let next = min(end, hour + HourlyUsage.slotSeconds)
            guard let counts = hourly.counts(user: user, scopes: scopes, from: hour, to: next) else { return nil }
            var explained = false
            for (rank, limit) in crossing.enumerated() {
                guard let limitScopes = scopeIndices[limit.scope],
                      let units = limitScopes == scopes ? counts : hourly.counts(user: user, scopes: limitScopes, from: hour, to: next)
                else { return nil }
                used[rank] = Saturating.add(used[rank], units.units)
                if explains(limit.explaining, used: used[rank]) { explained = true }
            }
            usedInScope = Saturating.add(usedInScope, counts.units)
            if counts.rejected > 0, !explained {
                refused = Saturating.add(refused, counts.rejected)
                usedAtRefusal = usedInScope
            }
            hour = next
        }
        return (refused, usedAtRefusal)
    }

    /// The words of `blocked_under_limit`: `refused` refusals with `used` units used by
    /// then (by the end of the hour or day of the last of them).
    private func blockedDetail(
        check: LimitCheck, limit: EffectiveLimit, refused count: Int64, used: Int64, requestsOnly: Bool, when: String
    ) -> String {
        // Each sentence is one interpolation: one string built, not one per `+` (a run
        // writes tens of thousands of them).
        let refused = "refused \(FindingText.count(count)) time\(count == 1 ? "" : "s") \(when)"
        guard case .units(let units) = limit.value else {
            return """
                \(refused) although the limit is unlimited (from \(limit.sourceDescription)): the store or the \
                code applies a limit it should not (or another limit, such as a rate limit, refused them)
                """
        }
        if used == 0 {
            let before = index.counts(user: check.user, scope: check.scope, in: previous(of: check.range, period: check.period))
            if units > 0, before.units >= units {
                return """
                    \(refused) with 0 served: the limit was checked against \(FindingText.previousBucket(check.period)) \
                    count (\(FindingText.count(before.units)) of \(FindingText.count(units))) — the reset is applied \
                    lazily after the limit check, which locks the user out
                    """
            }
            return """
                \(refused) with 0 served, under a limit of \(FindingText.count(units)) (from \(limit.sourceDescription)): \
                a stale or wrong stored counter (or another limit, such as a rate limit, refused them)
                """
        }
        return """
            \(refused) while only \(FindingText.quantity(used, requestsOnly: requestsOnly)) of \
            \(FindingText.count(units)) \(used == 1 ? "was" : "were") used (limit from \(limit.sourceDescription)): refused \
            under the limit — a stored counter ahead of the real use (or another limit, such as a rate limit, refused them)
            """
    }
}
