import Foundation

/// `smart-ratelimit`: the rows of django-smart-ratelimit's `Quota` model (its `@quota`
/// decorator and `consume_quota`; migration `0008_quota`, table
/// `django_smart_ratelimit_quota`).
///
/// Columns: `key` (e.g. `user:42`; the decorator stores `quota:` + its resolved key, so
/// `quota:user:42`), `scope` (default `""`, namespaces quotas of one key), `used`,
/// `limit` (positive big integers), `period` (`day`, `week`, `month`, `year`, `<N>d`, or
/// an int number of days stored as text: `7`), `period_start` (the bucket's local
/// midnight, stored in UTC), `reset_at`, `updated_at`. `get_quota_usage` returns `used`,
/// `limit`, `remaining`, `reset_at`, `period`: JSON with those keys and `key` is read too,
/// and `usage` is accepted for `used`.
///
/// Translation, one profile per row:
///
/// | column | becomes |
/// |---|---|
/// | `key` | `user`: a `quota:` prefix dropped, then `user:42` → `42` (the Django user id), `ip:1.2.3.4` kept (as attribution labels anonymous use), `api_key:SECRET` → `key:SECRET…` cut to 6 characters (as attribution labels an unmapped key; a report never shows a whole key), anything else as is; without `key`, `user` |
/// | `scope` | `""` → `all`, else the scope |
/// | `limit` | N ≥ 0 → limit N (0 refuses everything: `used + cost <= 0` fails); empty → the quota's default |
/// | `used` / `usage` | `used` |
/// | `period` | the period; an `Nd` window takes the configured anchor (see `ProfileReadContext`) |
/// | `period_start` | `periodStart` (its local day; naive times are UTC) |
/// | `snapshot_at` (optional) | `snapshotAt` |
///
/// `reset_at` is implied by `period_start` and the period; `updated_at` is the last write,
/// not a snapshot time. `hard` stays nil (`block=` is a decorator argument, not stored).
public struct SmartRatelimitProfileLayout: ProfileLayout {
    public let name = "smart-ratelimit"
    public let keyColumns = "key, scope, limit, used, period"

    public init() {}

    public func recognises(keys: Set<String>) -> Bool {
        keys.contains("key") && keys.contains("limit") && keys.contains("period")
    }

    public func profiles(from row: ProfileRow, context: ProfileReadContext) throws(ProfileError) -> [StoredProfile] {
        let cells = ProfileCells(row, layout: name)
        let user = SmartRatelimitProfileLayout.user(fromKey: try cells.requiredText(["key", "user"], name: "key"))
        let scope = cells.text("scope") ?? "all"
        let periodText = try cells.requiredText(["period"], name: "period")
        let period = try context.period(parsing: periodText, scope: scope, origin: row.origin, column: "period")
        let limit: StoredLimit
        if let value = try cells.integer("limit") {
            guard value >= 0 else { throw cells.bad("limit", expected: "a limit of 0 or more") }
            limit = .limit(value)
        } else {
            limit = .useDefault
        }
        let utc = TimeZone(identifier: "UTC")!
        return [
            StoredProfile(
                user: user, scope: scope, period: period, limit: limit,
                used: try LongProfileLayout.counter(cells, cells.has("used") ? "used" : "usage"),
                snapshotAt: try cells.instant("snapshot_at", naiveTimeZone: context.timeZone),
                periodStart: try cells.day("period_start", context: context, naiveTimeZone: utc),
                origin: row.origin),
        ]
    }

    /// The user a quota key stands for (see the table above).
    static func user(fromKey key: String) -> String {
        var rest = Substring(key)
        if rest.hasPrefix("quota:") { rest = rest.dropFirst("quota:".count) }
        if rest.hasPrefix("user:"), rest.count > "user:".count { return String(rest.dropFirst("user:".count)) }
        if rest.hasPrefix("api_key:") {
            return UserLabel.masked(String(rest.dropFirst("api_key:".count)))
        }
        return String(rest)
    }
}
