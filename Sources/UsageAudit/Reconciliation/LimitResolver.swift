/// Resolves the limit that applies to a user, a scope and a period from the stored
/// profiles and the configuration's quotas (DESIGN §3, Limits): the profile's value, else
/// the quota's `default`, else none.
///
/// `UsageReport` can ask it for the `limit` column of every row; the reconciler uses it to
/// judge over-limit and blocked-under-limit use.
public struct LimitResolver: Sendable {
    private struct Key: Hashable {
        var user: String
        var scope: String
        var period: String
    }

    private let profiles: [Key: StoredProfile]
    private let configuration: AuditConfiguration

    /// - Parameter profiles: the stored profiles; when a store holds several for the same
    ///   user, scope and period, the first one given wins.
    public init(profiles: [StoredProfile], configuration: AuditConfiguration) {
        var byKey: [Key: StoredProfile] = [:]
        for profile in profiles {
            let key = Key(user: profile.user, scope: profile.scope, period: profile.period.name)
            if byKey[key] == nil { byKey[key] = profile }
        }
        self.profiles = byKey
        self.configuration = configuration
    }

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

    /// The limit for `user` in `scope` over `period`.
    ///
    /// `hard` is the profile's flag, else the quota's, else true; `blockPrice` likewise.
    public func limit(user: String, scope: String, period: Period) -> EffectiveLimit {
        let quota = quota(scope: scope, period: period)
        let stored = profile(user: user, scope: scope, period: period)
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
