import Foundation

/// `long`: usage-audit's own layout, one counter per record (DESIGN §4).
///
/// Columns (CSV header or JSON keys):
///
/// | column | required | meaning |
/// |---|---|---|
/// | `user` | yes | the user name as attribution labels it |
/// | `scope` | yes | a configured scope, or `all` |
/// | `period` | yes | `day`, `week`, `month`, `year`, `Nd` (or a bare N), `month@D` |
/// | `limit` | no | `-1` unlimited, `0` no use allowed, N; empty/`null` = the quota's default |
/// | `used` | no | the stored counter of the bucket containing `snapshot_at` |
/// | `total` | no | the lifetime counter |
/// | `hard` | no | `true`/`false`; empty = as the quota says |
/// | `snapshot_at` | no | RFC 3339; without an offset, read in the configured zone; empty = `--as-of` |
/// | `block_price` | no | price per 1000 units past a soft limit |
/// | `period_start` | no | first day of the stored bucket (`2026-11-01` or a time), for `Nd` windows |
///
/// A limit below `-1` and negative counters or prices are errors. Other columns are ignored
/// (one whose name is a near miss of an absent column above, `limt` or `Limit`, with a warning).
public struct LongProfileLayout: ProfileLayout {
    public let name = "long"
    public let keyColumns = "user, scope, period"

    public init() {}

    public func recognises(keys: Set<String>) -> Bool {
        keys.contains("user") && keys.contains("scope") && keys.contains("period")
    }

    /// Every column the layout reads.
    static let columns = ["user", "scope", "period", "limit", "used", "total", "hard", "snapshot_at", "block_price", "period_start"]

    public func misspelledColumn(in columns: [String]) -> (column: String, meant: String)? {
        misspelledColumn(in: columns, read: Self.columns)
    }

    public func profiles(from row: ProfileRow, context: ProfileReadContext) throws(ProfileError) -> [StoredProfile] {
        let cells = ProfileCells(row, layout: name)
        let user = try cells.requiredText(["user"], name: "user")
        let scope = try cells.requiredText(["scope"], name: "scope")
        let periodText = try cells.requiredText(["period"], name: "period")
        let period = try context.period(parsing: periodText, scope: scope, origin: row.origin, column: "period")
        return [
            StoredProfile(
                user: user, scope: scope, period: period,
                limit: try LongProfileLayout.limit(cells, "limit"),
                used: try LongProfileLayout.counter(cells, "used"),
                total: try LongProfileLayout.counter(cells, "total"),
                hard: try cells.boolean("hard"),
                blockPrice: try LongProfileLayout.price(cells, "block_price"),
                snapshotAt: try cells.instant("snapshot_at", naiveTimeZone: context.timeZone),
                periodStart: try cells.day("period_start", context: context, naiveTimeZone: context.timeZone),
                origin: row.origin,
                rowKey: StoredRowKey(period: Self.written(row, "period") ?? periodText, periodStart: Self.written(row, "period_start"))),
        ]
    }

    /// A cell as the store wrote it (text as is, numbers written out), or nil when empty.
    private static func written(_ row: ProfileRow, _ key: String) -> String? {
        switch row.values[key] {
        case .text(let text)?: return text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text
        case let value?: return ProfileCells.text(of: value)
        case nil: return nil
        }
    }

    /// `-1` → unlimited, `0…` → that limit, empty → the default; below `-1` is an error.
    static func limit(_ cells: ProfileCells, _ key: String) throws(ProfileError) -> StoredLimit {
        guard let value = try cells.integer(key) else { return .useDefault }
        switch value {
        case -1: return .unlimited
        case 0...: return .limit(value)
        default: throw cells.bad(key, expected: "-1 (unlimited), 0 (no use allowed), a positive limit, or empty (the default)")
        }
    }

    /// A stored counter: a whole number of at least 0, or nil.
    static func counter(_ cells: ProfileCells, _ key: String) throws(ProfileError) -> Int64? {
        guard let value = try cells.integer(key) else { return nil }
        guard value >= 0 else { throw cells.bad(key, expected: "a counter of 0 or more") }
        return value
    }

    /// A price: a number of at least 0, or nil.
    static func price(_ cells: ProfileCells, _ key: String) throws(ProfileError) -> Double? {
        guard let value = try cells.number(key) else { return nil }
        guard value >= 0 else { throw cells.bad(key, expected: "a price of 0 or more") }
        return value
    }
}
