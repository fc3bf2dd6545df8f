import Foundation
import Testing
@testable import UsageAudit

/// Every suite of the recommendation stage, nested here so that
/// `swift test --filter Recommendation` runs them all.
@Suite("Recommendation")
enum RecommendationTests {}

/// Builds the inputs of a recommendation run directly: a configuration with scopes `geo`
/// and `iso`, daily usage histories per user, stored profiles — so that each test plants
/// exactly the history it checks.
struct RecommendationFixture {
    var configuration: AuditConfiguration
    var calendar: ZonedCalendar
    var usage = UsageAggregate()
    var profiles: [StoredProfile] = []
    /// The audit moment: the last second of 2026-11-21 (a Saturday) in the zone.
    var asOf: Int64

    static let geo = 0
    static let iso = 1
    /// The local day of the audit moment.
    static let today = LocalDay(CivilDate(year: 2026, month: 11, day: 21))

    /// - Parameter quotas: by default `all`/`day` with default 5000 and `iso`/`month` with
    ///   default 2000.
    init(zone: String = "UTC", quotas: [QuotaRule]? = nil, analysis: AnalysisSettings = AnalysisSettings()) {
        let timeZone = TimeZone(identifier: zone)!
        configuration = AuditConfiguration(
            timeZone: timeZone,
            scopes: [ScopeRule(name: "geo", paths: ["/geo"]), ScopeRule(name: "iso", paths: ["/iso"])],
            quotas: quotas ?? [
                QuotaRule(scope: "all", period: .day, defaultLimit: 5000),
                QuotaRule(scope: "iso", period: .month, defaultLimit: 2000),
            ],
            analysis: analysis)
        calendar = ZonedCalendar(timeZone: timeZone)
        asOf = calendar.startOfDay(Self.today.adding(days: 1)) - 1
    }

    /// The day `days` before the as-of day.
    static func daysAgo(_ days: Int) -> LocalDay {
        today.adding(days: -days)
    }

    /// Adds `units` served units (one request each) and `rejected` refusals on `day`.
    mutating func use(_ user: String, scope: Int = geo, on day: LocalDay, units: Int64, rejected: Int64 = 0) {
        let noon = calendar.startOfDay(day) + 12 * 3600
        let counts = UsageCounts(requests: units, units: units, rejected: rejected, firstSeen: noon, lastSeen: noon + 3600)
        usage.add(counts, user: user, scope: scope, day: day)
    }

    /// Adds use on each of the last `days` days (the as-of day is `daysAgo(0)`), the
    /// units of each day given by `units(daysAgo)`; days given 0 get no use.
    mutating func history(
        _ user: String, scope: Int = geo, days: Int, units: (Int) -> Int64, rejected: (Int) -> Int64 = { _ in 0 }
    ) {
        for ago in 0..<days {
            let served = units(ago)
            let refused = rejected(ago)
            guard served > 0 || refused > 0 else { continue }
            use(user, scope: scope, on: Self.daysAgo(ago), units: served, rejected: refused)
        }
    }

    mutating func store(_ user: String, scope: String = "all", period: Period = .day, limit: StoredLimit = .useDefault) {
        profiles.append(StoredProfile(
            user: user, scope: scope, period: period, limit: limit, origin: "profiles.csv:\(profiles.count + 2)"))
    }

    var limits: LimitResolver {
        LimitResolver(profiles: profiles, configuration: configuration)
    }

    func recommendations(includeKeep: Bool = false) -> [Recommendation] {
        LimitRecommender(configuration: configuration, limits: limits, calendar: calendar)
            .recommendations(usage: usage, profiles: profiles, asOf: asOf, includeKeep: includeKeep)
    }

    /// The one recommendation for `user` (with `keep` rows), failing the test when there
    /// is not exactly one.
    func only(_ user: String, sourceLocation: SourceLocation = #_sourceLocation) -> Recommendation? {
        let found = recommendations(includeKeep: true).filter { $0.user == user }
        #expect(found.count == 1, "expected one recommendation for \(user), got \(found)", sourceLocation: sourceLocation)
        return found.first
    }
}
