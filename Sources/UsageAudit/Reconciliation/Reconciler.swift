/// Compares the counters a quota store keeps with the counters recomputed from the logs,
/// and says precisely what is wrong with each and why (DESIGN §6, reconciliation).
///
/// Counters are compared in units, for the bucket containing each profile's snapshot
/// moment (`snapshotAt`, else the audit moment), up to that moment; an `Nd` window the
/// store dates with `periodStart` is the window starting there. A counter within
/// `tolerance` units of the recomputed use (requests in flight when it was read) agrees.
///
/// ```swift
/// let findings = Reconciler(configuration: configuration, tolerance: 2)
///     .findings(profiles: profiles, usage: result.aggregate, asOf: asOf, calendar: calendar)
/// ```
public struct Reconciler: Sendable {
    public let configuration: AuditConfiguration
    /// Units by which a stored counter may differ from the recomputed one without a finding.
    public let tolerance: Int64

    public init(configuration: AuditConfiguration, tolerance: Int64 = 0) {
        self.configuration = configuration
        self.tolerance = max(0, tolerance)
    }

    /// Every finding about `profiles` against `usage`, sorted (see `ReconciliationFinding.sorted`).
    ///
    /// - Parameters:
    ///   - profiles: the stored counters; empty when no store was given (then only the
    ///     logs' own evidence is reported: hard limits not enforced, requests refused under
    ///     the limit).
    ///   - usage: the recomputed usage; its scope index `i` is `configuration.scopeNames[i]`.
    ///   - asOf: the audit moment (epoch seconds), the snapshot moment of profiles without one.
    ///   - calendar: a calendar of the configuration's zone.
    ///   - hourly: hourly usage of the same input, when collected: it cuts the snapshot day
    ///     exactly at the snapshot and lets drift be explained as a time-zone shift.
    ///   - includes: which buckets besides the profiles' own to examine for limits and
    ///     missing profiles (e.g. the report window); default: the buckets containing `asOf`.
    ///   - includedFrom: a day no bucket `includes` admits ends before
    ///     (`ReportWindow.firstDay`): earlier buckets are not looked at. nil: every bucket
    ///     with use is asked (the default `includes` needs none).
    ///   - coverageStart: the first local day the logs cover; a stored counter whose bucket
    ///     began earlier is not compared (the logs hold only part of its use). nil: the logs
    ///     are taken to hold every bucket whole.
    ///   - coverageEnd: the time of the last request in the logs; a stored counter whose
    ///     snapshot is later is only checked from below (use after the logs end is
    ///     unknown), and a user with stored use but no request is no orphan then. nil: the
    ///     logs are taken to reach every snapshot.
    public func findings(
        profiles: [StoredProfile], usage: UsageAggregate, asOf: Int64, calendar: ZonedCalendar,
        hourly: HourlyUsage? = nil, includes: ((Period, DayRange) -> Bool)? = nil, includedFrom: LocalDay? = nil,
        coverageStart: LocalDay? = nil, coverageEnd: Int64? = nil
    ) -> [ReconciliationFinding] {
        var setUp = ReconciliationContext(
            configuration: configuration, tolerance: tolerance, profiles: profiles, usage: usage,
            hourly: hourly, asOf: asOf, calendar: calendar, includes: includes)
        if includes != nil { setUp.includedFrom = includedFrom }
        setUp.coverageStart = coverageStart
        setUp.coverageEnd = coverageEnd
        // Read-only from here: the closure below reads it while it runs a method of it.
        let context = setUp
        var findings: [ReconciliationFinding] = []
        var profileChecks: [LimitCheck] = []
        var totalsFound = Set<String>()
        var zones = ZoneDiagnosis()
        let superseded = Self.supersededRows(profiles)
        for (position, profile) in profiles.enumerated() {
            if superseded.contains(position) {
                // A past bucket's row: its counter is not judged, its limit still is, in its own bucket.
                if let start = profile.periodStart, context.isKnown(scope: profile.scope) {
                    profileChecks.append(LimitCheck(
                        user: profile.user, scope: profile.scope, period: profile.period,
                        range: CounterBucket.stored(profile.period, startingOn: start), origin: profile.origin))
                }
                continue
            }
            let bucket = CounterBucket(profile: profile, resolver: context.resolver, asOf: asOf, calendar: calendar)
            guard context.isKnown(scope: profile.scope) else {
                findings.append(context.unknownScopeFinding(for: profile, bucket: bucket))
                continue
            }
            if !context.index.hasTraffic(user: profile.user) {
                if let orphan = context.orphanFinding(for: profile, bucket: bucket) { findings.append(orphan) }
                continue
            }
            if let counter = context.counterFinding(for: profile, bucket: bucket) {
                if counter.kind == .drift, let stored = counter.stored {
                    zones.note(driftAt: findings.count, period: bucket.period.name,
                               match: context.zoneMatch(for: profile, bucket: bucket, stored: stored))
                }
                findings.append(counter)
            }
            // Every row's total is checked (rows read at other moments cut the logs elsewhere);
            // a store repeating one total on every period's row gets its finding once.
            if profile.total != nil, let total = context.totalFinding(for: profile, bucket: bucket),
               totalsFound.insert("\(profile.user)\u{0}\(profile.scope)\u{0}\(total.stored ?? 0)").inserted {
                findings.append(total)
            }
            profileChecks.append(LimitCheck(
                user: profile.user, scope: profile.scope, period: bucket.period, range: bucket.range, origin: profile.origin))
        }
        zones.apply(to: &findings, calendar: calendar)
        context.forEachLimitCheck(profileChecks: profileChecks, profiles: profiles) { check, series in
            findings += context.limitFindings(for: check, series: series)
        }
        if !profiles.isEmpty {
            findings += context.missingProfileFindings(profiles: profiles)
        }
        return ReconciliationFinding.sorted(findings, configuration: configuration)
    }

    /// How many stored counters of `profiles` are of a bucket that begins at or after
    /// `coverageEnd`, the end of the logs: of those, the logs prove no use at all, so no
    /// stored value can be judged (counters read the morning after logs that end at
    /// midnight: the new day's).
    /// - Parameter resolver: the resolver made from `profiles` (the run has one already).
    public func countersBeyondLogs(
        profiles: [StoredProfile], resolver: LimitResolver, asOf: Int64, calendar: ZonedCalendar, coverageEnd: Int64?
    ) -> Int {
        guard let coverageEnd else { return 0 }
        return profiles.reduce(0) { count, profile in
            guard profile.used != nil else { return count }
            let bucket = CounterBucket(profile: profile, resolver: resolver, asOf: asOf, calendar: calendar)
            return calendar.startOfDay(bucket.range.start) > coverageEnd ? count + 1 : count
        }
    }

    /// The positions of rows a store kept for earlier buckets: of a counter (user, scope,
    /// period) on several rows read at the same moment and dated by `period_start` (a table
    /// with a row per bucket), every row but the latest-dated. Judged against the bucket of
    /// the snapshot as the live row is, such a row would read as a counter never reset, and
    /// `--fix-sql` would rewrite a past bucket's correct count. Rows read at different
    /// moments (a store of evening snapshots) are each judged at their own moment.
    static func supersededRows(_ profiles: [StoredProfile]) -> Set<Int> {
        struct ReadCounter: Hashable {
            var counter: CounterKey
            var snapshot: Int64?
        }
        func key(_ profile: StoredProfile) -> ReadCounter { ReadCounter(counter: CounterKey(profile), snapshot: profile.snapshotAt) }
        var latest: [ReadCounter: LocalDay] = [:]
        for profile in profiles {
            guard let start = profile.periodStart else { continue }
            latest[key(profile)] = max(latest[key(profile)] ?? start, start)
        }
        var superseded = Set<Int>()
        for (position, profile) in profiles.enumerated() {
            guard let start = profile.periodStart, let newest = latest[key(profile)], start < newest else { continue }
            superseded.insert(position)
        }
        return superseded
    }
}
