import Foundation
@testable import UsageAudit

/// Builds the inputs of a reconciliation directly: a configuration with scopes `geo` and
/// `iso`, usage cells per user × scope × day, stored profiles — so that each test plants
/// exactly the fault it checks.
struct ReconciliationFixture {
    var configuration: AuditConfiguration
    var calendar: ZonedCalendar
    var usage = UsageAggregate()
    var hourly: HourlyUsage?
    var profiles: [StoredProfile] = []
    var tolerance: Int64 = 0
    /// The audit moment: by default the end of 2026-11-21 in the zone.
    var asOf: Int64

    static let geo = 0
    static let iso = 1
    static let other = 2

    /// - Parameter quotas: by default `all`/`day` with default 5000 (hard) and `iso`/`month`
    ///   with default 2000, soft, block price 1500.
    init(zone: String = "UTC", quotas: [QuotaRule]? = nil) {
        let timeZone = TimeZone(identifier: zone)!
        configuration = AuditConfiguration(
            timeZone: timeZone,
            scopes: [ScopeRule(name: "geo", paths: ["/geo"]), ScopeRule(name: "iso", paths: ["/iso"])],
            quotas: quotas ?? [
                QuotaRule(scope: "all", period: .day, defaultLimit: 5000, hard: true),
                QuotaRule(scope: "iso", period: .month, defaultLimit: 2000, hard: false, blockPrice: 1500),
            ])
        calendar = ZonedCalendar(timeZone: timeZone)
        asOf = calendar.startOfDay(Self.day(2026, 11, 22)) - 1
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDay {
        LocalDay(CivilDate(year: year, month: month, day: day))
    }

    /// The instant `hour:minute` local time on `day`.
    func instant(_ day: LocalDay, _ hour: Int, _ minute: Int = 0) -> Int64 {
        calendar.epochSeconds(fromLocal: CivilDateTime(date: day.date, hour: hour, minute: minute, second: 0))
    }

    /// Adds `units` consumed units (one request each unless `requests` is given) and
    /// `rejected` refusals for `user` in `scope` on `day`, seen between `from` and `to`
    /// local hours.
    mutating func use(
        _ user: String, scope: Int = geo, on day: LocalDay, units: Int64, requests: Int64? = nil,
        rejected: Int64 = 0, from: Int = 8, to: Int = 18
    ) {
        let counts = UsageCounts(
            requests: requests ?? units, units: units, rejected: rejected,
            firstSeen: instant(day, from), lastSeen: instant(day, to))
        usage.add(counts, user: user, scope: scope, day: day)
    }

    /// Adds use hour by hour — to the daily cells and to `hourly` (created on first use) —
    /// `units[h]` units in the hour starting `start + h` hours.
    mutating func useHourly(_ user: String, scope: Int = geo, from start: Int64, units: [Int64]) {
        if hourly == nil { hourly = HourlyUsage(phase: HourlyUsage.phase(for: calendar, at: start)) }
        for (offset, amount) in units.enumerated() where amount > 0 {
            let time = start + Int64(offset) * 3600 + 60
            let counts = UsageCounts(requests: amount, units: amount, rejected: 0, firstSeen: time, lastSeen: time + 3000)
            usage.add(counts, user: user, scope: scope, day: calendar.localDay(containing: time))
            hourly!.add(counts, user: user, scope: scope, time: time)
        }
    }

    mutating func store(
        _ user: String, scope: String = "all", period: Period = .day, limit: StoredLimit = .useDefault,
        used: Int64?, total: Int64? = nil, hard: Bool? = nil, snapshotAt: Int64? = nil, periodStart: LocalDay? = nil
    ) {
        profiles.append(StoredProfile(
            user: user, scope: scope, period: period, limit: limit, used: used, total: total, hard: hard,
            snapshotAt: snapshotAt, periodStart: periodStart, origin: "profiles.csv:\(profiles.count + 2)"))
    }

    func findings(includes: ((Period, DayRange) -> Bool)? = nil, includedFrom: LocalDay? = nil) -> [ReconciliationFinding] {
        Reconciler(configuration: configuration, tolerance: tolerance).findings(
            profiles: profiles, usage: usage, asOf: asOf, calendar: calendar, hourly: hourly, includes: includes,
            includedFrom: includedFrom)
    }

    /// The findings about `user`, as `kind:field` pairs in report order.
    func kinds(of user: String) -> [String] {
        findings().filter { $0.user == user }.map { "\($0.kind.rawValue):\($0.field)" }
    }
}
