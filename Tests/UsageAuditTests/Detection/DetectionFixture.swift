import Foundation
@testable import UsageAudit

/// Builds the inputs of anomaly detection directly: a configuration with scopes `geo` and
/// `iso` (and a daily `all` quota of 5,000 by default), daily usage per user × scope,
/// hourly usage, stored profiles — so each test plants exactly the behaviour it checks.
struct DetectionFixture {
    var configuration: AuditConfiguration
    var calendar: ZonedCalendar
    var usage = UsageAggregate()
    var hourly: HourlyUsage
    var profiles: [StoredProfile] = []

    static let geo = 0
    static let iso = 1
    static let other = 2

    /// A Monday: history series in the tests end on it or around it.
    static let monday = day(2026, 11, 16)

    /// - Parameters:
    ///   - quotas: by default `all`/`day` with default 5000, hard.
    ///   - scopes: false for a configuration without `[[scope]]` rules (all use is `other`).
    init(zone: String = "UTC", quotas: [QuotaRule]? = nil, scopes: Bool = true, nearLimit: Double = 0.9) {
        let timeZone = TimeZone(identifier: zone)!
        configuration = AuditConfiguration(
            timeZone: timeZone,
            scopes: scopes ? [ScopeRule(name: "geo", paths: ["/geo"]), ScopeRule(name: "iso", paths: ["/iso"])] : [],
            quotas: quotas ?? [QuotaRule(scope: "all", period: .day, defaultLimit: 5000, hard: true)],
            analysis: AnalysisSettings(nearLimit: nearLimit))
        calendar = ZonedCalendar(timeZone: timeZone)
        hourly = HourlyUsage(phase: HourlyUsage.phase(for: calendar, at: calendar.startOfDay(Self.monday)))
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDay {
        LocalDay(CivilDate(year: year, month: month, day: day))
    }

    /// Adds `units` units (as many requests unless `requests` is given) and `rejected`
    /// refusals for `user` in `scope` on `day`.
    mutating func use(
        _ user: String, scope: Int = geo, on day: LocalDay, units: Int64, requests: Int64? = nil, rejected: Int64 = 0
    ) {
        let start = calendar.startOfDay(day)
        let counts = UsageCounts(
            requests: requests ?? units, units: units, rejected: rejected, firstSeen: start + 8 * 3600,
            lastSeen: start + 18 * 3600)
        usage.add(counts, user: user, scope: scope, day: day)
    }

    /// Adds a series of daily units from `start` on (zero entries add no cell: a day
    /// without use).
    mutating func series(_ user: String, scope: Int = geo, from start: LocalDay, _ units: [Int64]) {
        for (offset, amount) in units.enumerated() where amount > 0 {
            use(user, scope: scope, on: start.adding(days: offset), units: amount)
        }
    }

    /// Adds use hour by hour to the daily cells and to `hourly`: `units[h]` in local hour
    /// `h` of `day` (the day's slots in order, 23 or 25 on DST days).
    mutating func useHourly(_ user: String, scope: Int = geo, on day: LocalDay, units: [Int64]) {
        let start = calendar.startOfDay(day)
        for (offset, amount) in units.enumerated() where amount > 0 {
            let time = start + Int64(offset) * 3600 + 60
            let counts = UsageCounts(requests: amount, units: amount, rejected: 0, firstSeen: time, lastSeen: time + 3000)
            usage.add(counts, user: user, scope: scope, day: calendar.localDay(containing: time))
            hourly.add(counts, user: user, scope: scope, time: time)
        }
    }

    /// Stores a profile limit for `user`.
    mutating func store(_ user: String, scope: String = "all", period: Period = .day, limit: StoredLimit, hard: Bool? = nil) {
        profiles.append(StoredProfile(
            user: user, scope: scope, period: period, limit: limit, hard: hard, origin: "profiles.csv:\(profiles.count + 2)"))
    }

    /// The anomalies of `days` (by default the days of `usage` that are at or after
    /// `from`), with the audit moment at the end of the last judged day.
    func anomalies(judging days: [LocalDay]) -> [Anomaly] {
        anomalies(usage: usage, judging: days)
    }

    /// The anomalies of `days` judged over `usage` (a different aggregate, e.g. a prefix),
    /// as of `asOf` (default: the end of the last judged day).
    func anomalies(usage: UsageAggregate, judging days: [LocalDay], asOf moment: Int64? = nil) -> [Anomaly] {
        let last = days.max()!
        let asOf = moment ?? calendar.startOfDay(last.adding(days: 1)) - 1
        let window = ReportWindow(asOfDay: last, touchedDays: days)
        let detector = AnomalyDetector(
            configuration: configuration, limits: LimitResolver(profiles: profiles, configuration: configuration),
            calendar: calendar)
        return detector.anomalies(usage: usage, hourly: hourly, window: window, asOf: asOf)
    }

    /// The findings about `user` as `scope:kind` strings in report order.
    func kinds(of user: String, judging days: [LocalDay]) -> [String] {
        anomalies(judging: days).filter { $0.user == user }.map { "\($0.scope):\($0.kind.rawValue)" }
    }

    /// `count` days of seeded noisy use around `level` (lognormal, spread `sigma`).
    static func noisy(_ count: Int, level: Double, sigma: Double = 0.15, seed: UInt64) -> [Int64] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in Int64((level * exp(sigma * normal(&random))).rounded()) }
    }

    /// A standard normal variate (Box–Muller).
    static func normal(_ random: inout SeededRandom) -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &random)
        let v = Double.random(in: 0..<1, using: &random)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
