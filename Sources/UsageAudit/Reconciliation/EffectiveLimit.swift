/// The limit that applies to one user's usage of one scope in one period, after the
/// profile → quota default → none resolution of DESIGN §3.
public struct EffectiveLimit: Hashable, Sendable {
    /// How many units the period allows.
    public enum Value: Hashable, Sendable {
        /// No limit is known: neither the profile nor the configuration gives one.
        case none
        /// Never over the limit.
        case unlimited
        /// At most this many units; `0` means no use is allowed.
        case units(Int64)
    }

    /// Where the limit came from, for evidence in reports.
    public enum Source: Hashable, Sendable {
        /// The user's stored profile (its `origin`, e.g. `profiles.csv:12`).
        case profile(origin: String)
        /// The quota's `default` in the configuration.
        case quotaDefault
        /// Nowhere: no limit is known.
        case none
    }

    public var value: Value
    /// Whether requests past the limit should have been refused (false: a soft limit).
    public var hard: Bool
    /// The price of 1000 units past a soft limit, when known.
    public var blockPrice: Double?
    public var source: Source

    public init(value: Value, hard: Bool = true, blockPrice: Double? = nil, source: Source) {
        self.value = value
        self.hard = hard
        self.blockPrice = blockPrice
        self.source = source
    }

    /// No limit known.
    public static let none = EffectiveLimit(value: .none, source: .none)

    /// The limit as `usage.csv` writes it: the number of units, `-1` for unlimited, nil
    /// (an empty cell) when none is known — the convention `UsageReport.remaining` reads.
    public var reportedLimit: Int64? {
        switch value {
        case .none: return nil
        case .unlimited: return -1
        case .units(let units): return units
        }
    }

    /// Units used past the limit (0 when under it, unlimited or without a limit).
    public func unitsPast(_ used: Int64) -> Int64 {
        guard case .units(let limit) = value, used > limit else { return 0 }
        return used.subtractingReportingOverflow(limit).overflow ? .max : used - limit
    }

    /// Whether `used` units are below the limit, so that another unit could still be served;
    /// always true when unlimited, false when no limit is known.
    public func isUnder(_ used: Int64) -> Bool {
        switch value {
        case .none: return false
        case .unlimited: return true
        case .units(let limit): return used < limit
        }
    }

    /// The overage of `used` units against a soft limit, priced per `Overage`'s rule;
    /// nil for hard limits, unlimited use, unknown limits and use within the limit.
    public func overage(used: Int64) -> Overage? {
        guard !hard else { return nil }
        let past = unitsPast(used)
        guard past > 0 else { return nil }
        return Overage(units: past, blockPrice: blockPrice)
    }

    /// Where the limit came from, in words: `the profile (profiles.csv:12)`, `the quota default`.
    var sourceDescription: String {
        switch source {
        case .profile(let origin): return origin.isEmpty ? "the stored profile" : "the stored profile (\(origin))"
        case .quotaDefault: return "the quota default"
        case .none: return "nowhere"
        }
    }
}
