/// Everything one reconciliation run consults: the recomputed usage indexed for range
/// questions, the limits, the calendar and the audit moment. The checks live in its
/// extensions (`+Counters`, `+Causes`, `+Limits`, `+Coverage`).
struct ReconciliationContext {
    let configuration: AuditConfiguration
    let tolerance: Int64
    let asOf: Int64
    let asOfDay: LocalDay
    let calendar: ZonedCalendar
    let index: UsageIndex
    let hourly: HourlyUsage?
    let resolver: LimitResolver
    /// Report scope name → the aggregate's scope indices it sums (`all` → every one).
    let scopeIndices: [String: [Int]]
    /// Which buckets besides the profiles' own are examined for limits and missing profiles.
    let includes: (Period, DayRange) -> Bool
    /// A day no bucket that `includes` admits ends before (the report window's first day):
    /// a period's buckets before the one that holds it are not looked at. Nil: all are.
    var includedFrom: LocalDay?
    /// Per user, the scopes and periods for which a profile stores a limit.
    let limitedPeriods: [String: [(scope: String, period: Period)]]
    /// The first local day the logs cover (assumed whole); counters of buckets that began
    /// before it are not compared, since the logs hold only part of their use.
    var coverageStart: LocalDay?
    /// The time of the last request in the logs: a counter whose span (its bucket up to the
    /// snapshot) runs past it is known from below only, since use after it is unknown.
    var coverageEnd: Int64?

    init(
        configuration: AuditConfiguration, tolerance: Int64, profiles: [StoredProfile], usage: UsageAggregate,
        hourly: HourlyUsage?, asOf: Int64, calendar: ZonedCalendar, includes: ((Period, DayRange) -> Bool)?
    ) {
        self.configuration = configuration
        self.tolerance = max(0, tolerance)
        self.asOf = asOf
        self.calendar = calendar
        let asOfDay = calendar.localDay(containing: asOf)
        self.asOfDay = asOfDay
        let names = configuration.scopeNames
        index = UsageIndex(aggregate: usage, scopeNames: names)
        self.hourly = hourly
        resolver = LimitResolver(profiles: profiles, configuration: configuration)
        var indices: [String: [Int]] = [AuditConfiguration.allScope: Array(names.indices)]
        for (position, name) in names.enumerated() { indices[name, default: []].append(position) }
        scopeIndices = indices
        self.includes = includes ?? { _, range in range.contains(asOfDay) }
        if includes == nil { includedFrom = asOfDay }
        var limited: [String: [(scope: String, period: Period)]] = [:]
        for profile in profiles where profile.limit != .useDefault {
            limited[profile.user, default: []].append((profile.scope, profile.period))
        }
        limitedPeriods = limited
    }

    /// Whether `scope` is a scope of the configuration, `other` or `all`.
    func isKnown(scope: String) -> Bool {
        scopeIndices[scope] != nil
    }

    /// The units of `user` in `scope` over `bucket` up to its snapshot moment.
    func recomputed(user: String, scope: String, bucket: CounterBucket) -> RecomputedUsage {
        var result = RecomputedUsage()
        let whole = index.counts(user: user, scope: scope, in: bucket.range)
        result.requestsOnly = whole.requests == whole.units
        guard let series = index.series(user: user, scope: scope) else { return result }
        var position = series.firstIndex(atOrAfter: bucket.range.start)
        while position < series.days.count, series.days[position] < bucket.range.end,
              series.days[position] <= bucket.snapshotDay {
            let day = series.days[position]
            let counts = series.counts[position]
            if day < bucket.snapshotDay || counts.lastSeen <= bucket.snapshot {
                result.add(certain: counts.units)
            } else if counts.firstSeen <= bucket.snapshot {
                split(day: day, counts: counts, user: user, scope: scope, at: bucket.snapshot, into: &result)
            }
            position += 1
        }
        if endsBeyondCoverage(bucket) { result.openUpwards() }
        return result
    }

    /// Whether the span a counter covers (its bucket, up to the snapshot) runs past the last
    /// request in the logs.
    func endsBeyondCoverage(_ bucket: CounterBucket) -> Bool {
        guard let coverageEnd else { return false }
        return coverageEnd < min(bucket.snapshot, calendar.startOfDay(bucket.range.end))
    }

    /// Adds the part of `day`'s use before `snapshot`: exact from hourly data when it
    /// covers the day, else the whole day as possible use.
    private func split(
        day: LocalDay, counts: UsageCounts, user: String, scope: String, at snapshot: Int64,
        into result: inout RecomputedUsage
    ) {
        guard let hourly, let scopes = scopeIndices[scope] else {
            result.add(possible: counts.units)
            return
        }
        let slot = hourly.slotStart(containing: snapshot)
        guard let before = hourly.counts(user: user, scopes: scopes, from: calendar.startOfDay(day), to: slot),
              let during = hourly.slotCounts(user: user, scopes: scopes, containing: snapshot)
        else {
            result.add(possible: counts.units)
            return
        }
        result.add(certain: before.units)
        if during.lastSeen <= snapshot {
            result.add(certain: during.units)
        } else if during.firstSeen <= snapshot {
            result.add(possible: during.units)
        }
    }

    /// The bucket before `range` of `period` (see `CounterBucket.previous`).
    func previous(of range: DayRange, period: Period) -> DayRange {
        CounterBucket.previous(of: range, period: period)
    }

    /// The bucket in words for details: `today`, `on 2026-11-20`, `in the week from 2026-11-16`.
    func phrase(for range: DayRange, period: Period) -> String {
        if range.contains(asOfDay) { return FindingText.currentBucket(period) }
        if case .day = period { return "on \(range.start)" }
        return "in the \(FindingText.bucketNoun(period)) from \(range.start)"
    }
}
