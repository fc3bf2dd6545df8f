import Foundation

/// `carto`: the geo platform's per-service monthly quotas (CARTO's Data Services API,
/// `doc/internal/quota_management.md`; figures from its Rails app).
///
/// Two shapes are read, per user record:
/// * the user API's service blocks (`GET /api/v1/users/<id>`):
///   `{"username": "ana", "geocoding": {"quota": 1000, "block_price": 1500,
///   "monthly_use": 743, "hard_limit": true}, "here_isolines": {…}, "period_end_date": "2026-12-14"}`;
/// * the flat field names of the Rails `User` model and of the `rails:users:<name>` Redis
///   hash: `geocoding_quota`, `soft_geocoding_limit`, `geocoding_block_price`,
///   `here_isolines_quota`, `soft_here_isolines_limit`, … and `period_end_date`, with this
///   cycle's use as `geocoding_monthly_use` (see `CartoService`).
///
/// Translation, one profile per service present in the record (`CartoService.all` lists
/// the services and their scopes: `geocoding` → `geocoding`, `here_isolines` → `isolines`,
/// `mapzen_routing` → `routing`, `obs_snapshot`, `obs_general`):
///
/// | field | becomes |
/// |---|---|
/// | `username`, else `user` | `user` |
/// | `period_end_date` | period `month@D`, D = its day of month as written: the platform's `last_billing_cycle` starts each cycle on that day, clamped to shorter months; absent → `month` |
/// | `quota` / `<service>_quota` | N > 0 → limit N; 0, null or missing → limit 0 (the service is not activated for the user) |
/// | `hard_limit` / `soft_<service>_limit` | `hard` = `hard_limit` = not `soft_…_limit` (a soft limit is never checked: the excess is overage); absent → nil |
/// | `block_price` / `<service>_block_price` | `blockPrice` (price per 1000 requests past the quota) |
/// | `monthly_use` / `<service>_monthly_use` | `used` (requests this billing cycle; isolines count one per isoline) |
/// | `snapshot_at` (optional) | `snapshotAt` |
///
/// The `twitter` block (imports, not API requests) and the map-view fields are ignored.
public struct CartoProfileLayout: ProfileLayout {
    public let name = "carto"
    public let keyColumns = "service blocks geocoding, here_isolines…, or geocoding_quota, here_isolines_quota…"

    public init() {}

    public func recognises(keys: Set<String>) -> Bool {
        CartoService.all.contains { keys.contains($0.key) || keys.contains($0.quotaField) }
    }

    public func profiles(from row: ProfileRow, context: ProfileReadContext) throws(ProfileError) -> [StoredProfile] {
        let cells = ProfileCells(row, layout: name)
        let user = try cells.requiredText(["username", "user"], name: "username")
        let period = try CartoProfileLayout.period(cells)
        let snapshotAt = try cells.instant("snapshot_at", naiveTimeZone: context.timeZone)
        var profiles: [StoredProfile] = []
        for service in CartoService.all {
            guard let reading = try CartoProfileLayout.reading(of: service, in: cells) else { continue }
            profiles.append(StoredProfile(
                user: user, scope: service.scope, period: period,
                limit: reading.limit, used: reading.used, hard: reading.hard, blockPrice: reading.blockPrice,
                snapshotAt: snapshotAt, origin: row.origin))
        }
        guard !profiles.isEmpty else {
            throw .missingColumn(
                origin: row.origin, layout: name, column: "geocoding (or another service block, or geocoding_quota…)")
        }
        return profiles
    }

    /// `month@D` from `period_end_date`, else `month`.
    static func period(_ cells: ProfileCells) throws(ProfileError) -> Period {
        guard let text = cells.text("period_end_date") else { return .month }
        guard let day = ProfileTime.writtenDate(text) else {
            throw cells.bad("period_end_date", expected: "a date such as 2026-12-14")
        }
        return .billingCycle(day: day.date.day)
    }

    /// One service's quota, use, flag and price, from its block or its flat fields; nil
    /// when the record has neither.
    static func reading(of service: CartoService, in cells: ProfileCells) throws(ProfileError) -> CartoReading? {
        if let block = cells.value(service.key) {
            guard case .object(let values) = block else {
                throw cells.bad(service.key, expected: "an object with quota, monthly_use, hard_limit, block_price")
            }
            let nested = cells.nested(service.key, values: values)
            return CartoReading(
                limit: try quota(nested, "quota"),
                used: try LongProfileLayout.counter(nested, "monthly_use"),
                hard: try nested.boolean("hard_limit"),
                blockPrice: try LongProfileLayout.price(nested, "block_price"))
        }
        guard cells.has(service.quotaField) || cells.has(service.softLimitField) || cells.has(service.monthlyUseField) else {
            return nil
        }
        return CartoReading(
            limit: try quota(cells, service.quotaField),
            used: try LongProfileLayout.counter(cells, service.monthlyUseField),
            hard: try cells.boolean(service.softLimitField).map { !$0 },
            blockPrice: try LongProfileLayout.price(cells, service.blockPriceField))
    }

    /// A quota: 0 or absent means the service is not activated (no use allowed).
    static func quota(_ cells: ProfileCells, _ key: String) throws(ProfileError) -> StoredLimit {
        guard let value = try cells.integer(key) else { return .limit(0) }
        guard value >= 0 else { throw cells.bad(key, expected: "a quota of 0 (not activated) or more") }
        return .limit(value)
    }
}
