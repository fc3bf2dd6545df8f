import Foundation

/// `whg`: the gazetteer's per-user daily API counters (World Historical Gazetteer's
/// `api.models.UserAPIProfile`, shown on its "User API profiles" admin page).
///
/// The Django model (table `api_userapiprofile`) has `user` (one-to-one with the auth
/// user; the table column is `user_id`), `daily_count` (calls today), `daily_reset` (the
/// date `daily_count` belongs to: `increment_usage` zeroes the counter lazily on the
/// first call of a new day), `total_count` (lifetime calls) and `daily_limit` (default
/// 5,000). Its API checks `if profile.daily_limit and profile.daily_count > profile.daily_limit`,
/// so a limit of 0 is *unlimited*.
///
/// Translation, one profile per record, scope `all`, period `day`:
///
/// | column | becomes |
/// |---|---|
/// | `user`, else `username`, else `user_id` | `user` (the raw table holds the numeric id: export usernames, or read a view that joins `auth_user`) |
/// | `daily_limit` | `0` → unlimited; N > 0 → limit N; empty → the quota's default; negative → limit 0 (every call is refused: the count always exceeds it) |
/// | `daily_count` | `used` |
/// | `total_count` | `total` |
/// | `daily_reset` (optional) | `periodStart`: the day of the stored count, so a count not yet reset shows as yesterday's |
/// | `snapshot_at` (optional) | `snapshotAt` |
///
/// `hard` stays nil: the gazetteer has no per-user flag, so the quota's `hard` applies.
public struct WHGProfileLayout: ProfileLayout {
    public let name = "whg"
    public let keyColumns = "user, daily_count, daily_limit, total_count"

    public init() {}

    public func recognises(keys: Set<String>) -> Bool {
        keys.contains("daily_count") && keys.contains("daily_limit")
    }

    public func misspelledColumn(in columns: [String]) -> (column: String, meant: String)? {
        misspelledColumn(in: columns, read: ["user", "username", "user_id", "daily_limit", "daily_count", "total_count", "daily_reset", "snapshot_at"])
    }

    public func profiles(from row: ProfileRow, context: ProfileReadContext) throws(ProfileError) -> [StoredProfile] {
        let cells = ProfileCells(row, layout: name)
        let user = try cells.requiredText(["user", "username", "user_id"], name: "user")
        guard cells.has("daily_count") else {
            throw .missingColumn(origin: row.origin, layout: name, column: "daily_count")
        }
        return [
            StoredProfile(
                user: user, scope: "all", period: .day,
                limit: try WHGProfileLayout.limit(cells),
                used: try LongProfileLayout.counter(cells, "daily_count"),
                total: try LongProfileLayout.counter(cells, "total_count"),
                snapshotAt: try cells.instant("snapshot_at", naiveTimeZone: context.timeZone),
                periodStart: try cells.day("daily_reset", context: context, naiveTimeZone: context.timeZone),
                origin: row.origin),
        ]
    }

    /// The gazetteer's `daily_limit`: 0 unlimited, negative blocks everything.
    static func limit(_ cells: ProfileCells) throws(ProfileError) -> StoredLimit {
        guard let value = try cells.integer("daily_limit") else { return .useDefault }
        if value == 0 { return .unlimited }
        return .limit(max(value, 0))
    }
}
