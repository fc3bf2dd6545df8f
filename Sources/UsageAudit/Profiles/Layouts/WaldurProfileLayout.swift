import Foundation

/// `waldur`: the chat service's token quotas (Waldur MasterMind's `chat.models.TokenQuota`,
/// served by `GET /api/chat-quota/usage/` through `TokenQuotaUsageResponseSerializer`).
///
/// The model (table `chat_tokenquota`) holds, per user, `daily_limit`, `weekly_limit`,
/// `monthly_limit` (null = the system default from the constance settings
/// `LLM_TOKEN_LIMIT_DAILY/WEEKLY/MONTHLY`, `-1` = unlimited, `0` = no tokens; values
/// below `-1` are rejected by its `_coerce_limit`), `daily_usage`, `weekly_usage`,
/// `monthly_usage`, and `daily_reset_last_at`, `weekly_reset_last_at`,
/// `monthly_reset_last_at` (when each counter was last zeroed: lazily, on the first use
/// after the period turned). The usage JSON has the same `*_limit`/`*_usage` fields plus
/// `*_remaining`, `*_reset_at` (the *next* reset, computed from "now") and
/// `*_system_default`; it names no user, so each object needs a `user`, `username` or
/// `user_uuid` key (or the file is an object keyed by user).
///
/// Translation: one profile per period present in the record, scope `all`:
///
/// | fields | becomes |
/// |---|---|
/// | `daily_*` / `weekly_*` / `monthly_*` | period `day` / `week` (Monday) / `month` |
/// | `*_limit` | `-1` → unlimited, `0` → limit 0 (blocks), N → limit N; null → `*_system_default` when the record has it (`-1` unlimited), else the quota's default; below `-1` → error |
/// | `*_usage` | `used` (tokens) |
/// | `*_reset_last_at` (table only) | `periodStart`: the first day of the bucket holding that instant; naive times are UTC |
/// | `user`, `username`, `user_uuid`, `user_id` | `user` (first present) |
/// | `snapshot_at` (optional) | `snapshotAt` |
///
/// `*_reset_at` is not used: the serializer computes it from the time of the request, so
/// it says nothing about which bucket the stored usage belongs to. `hard` stays nil.
public struct WaldurProfileLayout: ProfileLayout {
    public let name = "waldur"
    public let keyColumns = "daily_limit, daily_usage, weekly_limit, weekly_usage, monthly_limit, monthly_usage"

    /// The field prefixes of the three counters and their periods.
    static let periods: [(prefix: String, period: Period)] = [("daily", .day), ("weekly", .week), ("monthly", .month)]
    static let userKeys = ["user", "username", "user_uuid", "user_id"]

    public init() {}

    public func recognises(keys: Set<String>) -> Bool {
        WaldurProfileLayout.periods.contains { keys.contains("\($0.prefix)_usage") }
    }

    public func profiles(from row: ProfileRow, context: ProfileReadContext) throws(ProfileError) -> [StoredProfile] {
        let cells = ProfileCells(row, layout: name)
        let user = try cells.requiredText(WaldurProfileLayout.userKeys, name: "user")
        let snapshotAt = try cells.instant("snapshot_at", naiveTimeZone: context.timeZone)
        let utc = TimeZone(identifier: "UTC")!
        var profiles: [StoredProfile] = []
        for (prefix, period) in WaldurProfileLayout.periods {
            let limitKey = "\(prefix)_limit"
            let usageKey = "\(prefix)_usage"
            guard cells.has(limitKey) || cells.has(usageKey) else { continue }
            let resetDay = try cells.day("\(prefix)_reset_last_at", context: context, naiveTimeZone: utc)
            profiles.append(StoredProfile(
                user: user, scope: "all", period: period,
                limit: try WaldurProfileLayout.limit(cells, limitKey, systemDefault: "\(prefix)_system_default"),
                used: try LongProfileLayout.counter(cells, usageKey),
                snapshotAt: snapshotAt,
                periodStart: resetDay.map { period.bucket(containing: $0).start },
                origin: row.origin))
        }
        guard !profiles.isEmpty else {
            throw .missingColumn(origin: row.origin, layout: name, column: "daily_usage (or weekly_usage, monthly_usage)")
        }
        return profiles
    }

    /// A Waldur limit: null → the system default (if given) or the quota's default.
    static func limit(_ cells: ProfileCells, _ key: String, systemDefault: String) throws(ProfileError) -> StoredLimit {
        if let value = try cells.integer(key) {
            return try translate(value, cells, key)
        }
        if let value = try cells.integer(systemDefault) {
            return try translate(value, cells, systemDefault)
        }
        return .useDefault
    }

    private static func translate(_ value: Int64, _ cells: ProfileCells, _ key: String) throws(ProfileError) -> StoredLimit {
        switch value {
        case -1: return .unlimited
        case 0...: return .limit(value)
        default:
            throw cells.bad(key, expected: "-1 (unlimited), 0 (blocks), a positive token limit, or null (the system default)")
        }
    }
}
