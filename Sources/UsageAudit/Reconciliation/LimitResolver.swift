/// Resolves the limit that applies to a user, a scope and a period from the stored
/// profiles and the configuration's quotas (DESIGN §3, Limits): the profile's value, else
/// the quota's `default`, else none.
///
/// A user's monthly profile frames that user's months: a store that counts billing cycles
/// from each user's own day (carto's `month@14`, from `period_end_date`) beside a quota of
/// calendar months (or cycles from another day) keeps one monthly counter, not two. The
/// quota's differently framed buckets have no limit for that user, and the profile's period
/// takes the quota's default, `hard` and `block_price` where the profile gives none.
///
/// A profile dated by its store frames that user's `Nd` windows the same way: a `30d`
/// counter whose window opened on its `period_start` is reported and judged in windows from
/// that day, not from the quota's anchor (DESIGN §3, Periods).
///
/// `UsageReport` can ask it for the `limit` column of every row; the reconciler uses it to
/// judge over-limit and blocked-under-limit use.
public struct LimitResolver: Sendable {
    private struct Key: Hashable {
        var user: String
        var scope: String
        var period: String
    }

    private struct ScopeKey: Hashable {
        var user: String
        var scope: String
    }

    private let profiles: [Key: StoredProfile]
    /// The period of each user's first monthly profile of a scope.
    private let monthlyFraming: [ScopeKey: Period]
    /// The window of each user's first dated `Nd` profile of a scope and window length
    /// (`30d` from its `period_start`).
    private let datedWindows: [Key: Period]
    private let configuration: AuditConfiguration
    /// Per quota of the configuration, in its order: the limit of a user without a
    /// profile (the default, `hard` and `block_price`; `limit` without profiles is that,
    /// or none). Asked for every row, check and bucket judged.
    private let quotaLimits: [(scope: String, period: Period, limit: EffectiveLimit)]

    /// - Parameter profiles: the stored profiles; when a store holds several for the same
    ///   user, scope and period, the first one given wins.
    public init(profiles: [StoredProfile], configuration: AuditConfiguration) {
        var byKey: [Key: StoredProfile] = [:]
        var monthly: [ScopeKey: Period] = [:]
        var dated: [Key: Period] = [:]
        for profile in profiles {
            let key = Key(user: profile.user, scope: profile.scope, period: profile.period.name)
            if byKey[key] == nil { byKey[key] = profile }
            if case .days(let count, _) = profile.period, let start = profile.periodStart, dated[key] == nil {
                dated[key] = .days(count, anchor: start)
            }
            if profile.period.isMonthly {
                let scopeKey = ScopeKey(user: profile.user, scope: profile.scope)
                if monthly[scopeKey] == nil { monthly[scopeKey] = profile.period }
            }
        }
        self.profiles = byKey
        monthlyFraming = monthly
        datedWindows = dated
        self.configuration = configuration
        quotaLimits = configuration.quotas.map { quota in
            (quota.scope, quota.period, Self.defaulted(by: quota, hard: quota.hard, blockPrice: quota.blockPrice))
        }
        reframesMonths = monthly.contains { key, period in
            configuration.quotas.contains { $0.scope == key.scope && $0.period.isMonthly && !$0.period.hasSameName(as: period) }
        }
        reframesWindows = dated.contains { key, window in
            configuration.quotas.contains { $0.scope == key.scope && $0.period.hasSameName(as: window) && !$0.period.hasSameBuckets(as: window) }
        }
    }

    /// Whether some user's monthly profile frames a monthly quota otherwise
    /// (`monthlyFraming(user:scope:period:)`).
    public let reframesMonths: Bool

    /// Whether some user's dated `Nd` profile frames a quota's windows otherwise
    /// (`framing(user:scope:period:)`).
    public let reframesWindows: Bool

    /// Whether some user's profile frames a quota's buckets otherwise: months or windows.
    public var reframes: Bool { reframesMonths || reframesWindows }

    /// Whether limits depend on scope and period only (no stored profiles).
    public var isUserIndependent: Bool { profiles.isEmpty }

    /// The profile of `user` for `scope` and `period`, if the store has one. Periods are
    /// matched by name (`30d` matches `30d` whatever the anchor).
    public func profile(user: String, scope: String, period: Period) -> StoredProfile? {
        guard !profiles.isEmpty else { return nil }
        return profiles[Key(user: user, scope: scope, period: period.name)]
    }

    /// The quota for `scope` and `period` (matched by name), if the configuration has one.
    public func quota(scope: String, period: Period) -> QuotaRule? {
        configuration.quotas.first { $0.scope == scope && $0.period.hasSameName(as: period) }
    }

    /// The quota that gives a profile's period its default, `hard` and `block_price`: the
    /// quota of the same name, else for a monthly period (a user's own billing cycle) the
    /// scope's monthly quota.
    public func defaultQuota(scope: String, period: Period) -> QuotaRule? {
        if let quota = quota(scope: scope, period: period) { return quota }
        guard period.isMonthly else { return nil }
        return configuration.quotas.first { $0.scope == scope && $0.period.isMonthly }
    }

    /// The monthly period that `user`'s profile counts `scope` in when it is not `period`
    /// itself (`month@14` for a quota of `month`): the quota's buckets are then not that
    /// user's counter. Nil for other periods and without such a profile.
    /// A user with a profile of `period` itself keeps it, whatever other monthly profiles
    /// they have.
    public func monthlyFraming(user: String, scope: String, period: Period) -> Period? {
        guard period.isMonthly, !monthlyFraming.isEmpty,
              let framing = monthlyFraming[ScopeKey(user: user, scope: scope)], !framing.hasSameName(as: period),
              profile(user: user, scope: scope, period: period) == nil
        else { return nil }
        return framing
    }

    /// The period `user`'s profile counts `scope` in instead of `period`, when it frames
    /// the quota's buckets otherwise: the user's own billing cycle for a monthly quota
    /// (`monthlyFraming(user:scope:period:)`), or an `Nd` window from the profile's
    /// `period_start` for a quota of `Nd` anchored elsewhere. Nil otherwise.
    public func framing(user: String, scope: String, period: Period) -> Period? {
        if reframesMonths, let own = monthlyFraming(user: user, scope: scope, period: period) { return own }
        guard reframesWindows, period.isDayWindow,
              let window = datedWindows[Key(user: user, scope: scope, period: period.name)],
              !window.hasSameBuckets(as: period)
        else { return nil }
        return window
    }

    /// The periods `user`'s use of `scope` is reported and judged in: the scope's
    /// `quotaPeriods`, each replaced by the user's own framing of it (`framing`), a period
    /// once when two quotas map to it (two monthly ones, or a quota that names it already).
    public func periods(user: String, scope: String, quotaPeriods: [Period]) -> [Period] {
        guard reframes else { return quotaPeriods }
        var periods: [Period] = []
        for quotaPeriod in quotaPeriods {
            let period = framing(user: user, scope: scope, period: quotaPeriod) ?? quotaPeriod
            if period.isMonthly, periods.contains(where: { $0.hasSameName(as: period) }) { continue }
            if periods.contains(where: { $0.hasSameBuckets(as: period) }) { continue }
            periods.append(period)
        }
        return periods
    }

    /// The limit for `user` in `scope` over `period`.
    ///
    /// `hard` is the profile's flag, else the quota's, else true; `blockPrice` likewise. A
    /// monthly period that the user's profile frames otherwise has none; the profile's own
    /// takes the scope's monthly quota when no quota has its name.
    public func limit(user: String, scope: String, period: Period) -> EffectiveLimit {
        if profiles.isEmpty {
            // No profile and no framing: the quota's limit alone, as below.
            for quota in quotaLimits where quota.scope == scope && quota.period.hasSameName(as: period) { return quota.limit }
            return Self.defaulted(by: nil, hard: true, blockPrice: nil)
        }
        let stored = profile(user: user, scope: scope, period: period)
        if stored == nil, monthlyFraming(user: user, scope: scope, period: period) != nil {
            return EffectiveLimit(value: .none, hard: true, blockPrice: nil, source: .none)
        }
        let quota = stored == nil ? quota(scope: scope, period: period) : defaultQuota(scope: scope, period: period)
        let hard = stored?.hard ?? quota?.hard ?? true
        let blockPrice = stored?.blockPrice ?? quota?.blockPrice
        if let stored {
            switch stored.limit {
            case .unlimited:
                return EffectiveLimit(value: .unlimited, hard: hard, blockPrice: blockPrice, source: .profile(origin: stored.origin))
            case .limit(let units):
                let value: EffectiveLimit.Value = units < 0 ? .unlimited : .units(units)
                return EffectiveLimit(value: value, hard: hard, blockPrice: blockPrice, source: .profile(origin: stored.origin))
            case .useDefault:
                break
            }
        }
        return Self.defaulted(by: quota, hard: hard, blockPrice: blockPrice)
    }

    /// The limit `quota`'s `default` gives (`-1`: unlimited; none without a quota or a
    /// default), with `hard` and `blockPrice` as resolved.
    private static func defaulted(by quota: QuotaRule?, hard: Bool, blockPrice: Double?) -> EffectiveLimit {
        guard let quota, let units = quota.defaultLimit else {
            return EffectiveLimit(value: .none, hard: hard, blockPrice: blockPrice, source: .none)
        }
        return EffectiveLimit(
            value: units < 0 ? .unlimited : .units(units), hard: hard, blockPrice: blockPrice, source: .quotaDefault)
    }

    /// The `limit` cell of a `usage.csv` row: units, `-1` for unlimited, nil when none.
    public func reportedLimit(for row: UsageRow) -> Int64? {
        limit(user: row.user, scope: row.scope, period: row.period).reportedLimit
    }
}
