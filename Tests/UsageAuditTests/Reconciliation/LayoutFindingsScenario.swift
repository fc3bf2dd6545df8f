import Foundation
@testable import UsageAudit

/// Generated traffic for the end-to-end layout tests: use kept per user × scope × local
/// day, from which a test computes what a store that agrees with the logs holds, plants
/// faults in that store, writes it in a layout's own shape and reconciles what
/// `ProfileStore.load` reads back against the `UsageAggregate` built from the same use.
///
/// The audit moment is the last second of `today` (Saturday 2026-11-21) in the zone.
/// Every request is seen between 08:00 and 18:00 local time, so each day's count is
/// certain at the audit moment (no snapshot falls inside a day's use).
struct LayoutFindingsScenario {
    private struct Cell: Hashable {
        var user: String
        var scope: Int
        var day: LocalDay
    }

    private struct Counts {
        var units: Int64 = 0
        var rejected: Int64 = 0
    }

    static let today = LocalDay(CivilDate(year: 2026, month: 11, day: 21))
    /// How many days of use `generate` writes, today included.
    static let generatedDays = 40

    let configuration: AuditConfiguration
    let calendar: ZonedCalendar
    /// The audit moment: 23:59:59 local time today.
    let asOf: Int64
    private var cells: [Cell: Counts] = [:]

    /// - Parameters:
    ///   - scopes: the configured scopes (each matching `/NAME`), in order.
    ///   - quotas: the configured quotas; they also give stored `Nd` windows their anchor.
    init(zone: String = "UTC", scopes: [String], quotas: [QuotaRule]) {
        let timeZone = TimeZone(identifier: zone)!
        configuration = AuditConfiguration(
            timeZone: timeZone, scopes: scopes.map { ScopeRule(name: $0, paths: ["/\($0)"]) }, quotas: quotas)
        calendar = ZonedCalendar(timeZone: timeZone)
        asOf = calendar.startOfDay(Self.today.adding(days: 1)) - 1
    }

    var today: LocalDay { Self.today }
    var yesterday: LocalDay { Self.today.adding(days: -1) }

    /// Use for `users` over the last `generatedDays` days, below any limit a test sets:
    /// each user is active today and on about three days in four before; an active day has
    /// 1…max units in the first scope and, one time in three, 1…max in each other scope.
    /// No request is refused.
    mutating func generate(users: [String], seed: UInt64, maximum: [(scope: String, units: Int64)]) {
        var random = SeededRandom(seed: seed)
        for user in users {
            for offset in 0..<Self.generatedDays where offset == 0 || random.next() % 4 != 0 {
                let day = today.adding(days: -offset)
                for (position, entry) in maximum.enumerated() where position == 0 || random.next() % 3 == 0 {
                    let units = 1 + Int64(random.next() % UInt64(entry.units))
                    cells[Cell(user: user, scope: index(of: entry.scope), day: day), default: Counts()].units += units
                }
            }
        }
    }

    /// Replaces `user`'s use of `scope` on `day`.
    mutating func set(_ user: String, scope: String, on day: LocalDay, units: Int64, rejected: Int64 = 0) {
        cells[Cell(user: user, scope: index(of: scope), day: day)] = Counts(units: units, rejected: rejected)
    }

    /// Removes `user`'s use of every scope on `day` (an idle day).
    mutating func clear(_ user: String, on day: LocalDay) {
        cells = cells.filter { !($0.key.user == user && $0.key.day == day) }
    }

    /// The units `user` consumed in `scope` (`all`: every scope) over `range`.
    func units(_ user: String, scope: String = "all", in range: DayRange) -> Int64 {
        var total: Int64 = 0
        for (cell, counts) in cells where cell.user == user && matches(cell, scope) && range.contains(cell.day) {
            total += counts.units
        }
        return total
    }

    /// The units of `user` in `scope` on `day`.
    func units(_ user: String, scope: String = "all", on day: LocalDay) -> Int64 {
        units(user, scope: scope, in: DayRange(start: day, end: day.adding(days: 1)))
    }

    /// The units of `user` in `scope` in the bucket of `period` that contains today: what
    /// a store that agrees with the logs holds at the audit moment.
    func units(_ user: String, scope: String = "all", currentBucketOf period: Period) -> Int64 {
        units(user, scope: scope, in: period.bucket(containing: today))
    }

    /// Every unit `user` consumed in `scope` in the logs: the least a lifetime total may hold.
    func lifetime(_ user: String, scope: String = "all") -> Int64 {
        units(user, scope: scope, in: DayRange(start: today.adding(days: -10_000), end: today.adding(days: 1)))
    }

    /// Whether `user` made a request (served or refused) in `scope` during `range`.
    func hasTraffic(_ user: String, scope: String = "all", in range: DayRange) -> Bool {
        cells.contains { $0.key.user == user && matches($0.key, scope) && range.contains($0.key.day) }
    }

    /// The recomputed usage, as the counting stage would hand it to the reconciler.
    var usage: UsageAggregate {
        var aggregate = UsageAggregate()
        for (cell, counts) in cells {
            let opened = calendar.epochSeconds(fromLocal: CivilDateTime(date: cell.day.date, hour: 8, minute: 0, second: 0))
            let closed = calendar.epochSeconds(fromLocal: CivilDateTime(date: cell.day.date, hour: 18, minute: 0, second: 0))
            aggregate.add(
                UsageCounts(
                    requests: counts.units, units: counts.units, rejected: counts.rejected, firstSeen: opened, lastSeen: closed),
                user: cell.user, scope: cell.scope, day: cell.day)
        }
        return aggregate
    }

    /// What the layouts need from this configuration: its zone and quota periods.
    var readContext: ProfileReadContext {
        ProfileReadContext(
            timeZone: configuration.timeZone, quotaPeriods: configuration.quotas.map { (scope: $0.scope, period: $0.period) })
    }

    /// Loads `--profiles source` (relative to `folder`) through the real readers and layouts
    /// and reconciles it with the usage at the audit moment.
    func reconcile(
        _ source: String, in folder: TemporaryFolder
    ) throws -> (profiles: [StoredProfile], findings: [ReconciliationFinding]) {
        let profiles = try ProfileStore.load(source, baseDirectory: folder.path, context: readContext)
        let findings = Reconciler(configuration: configuration)
            .findings(profiles: profiles, usage: usage, asOf: asOf, calendar: calendar)
        return (profiles, findings)
    }

    /// `seconds` as a naive UTC time, `2026-11-20 23:00:00`, as Django stores it in SQLite.
    static func naiveUTC(_ seconds: Int64) -> String {
        let written = ZonedCalendar(timeZone: TimeZone(identifier: "UTC")!).rfc3339(seconds)
        return String(written.dropLast(6)).replacingOccurrences(of: "T", with: " ")
    }

    private func index(of scope: String) -> Int {
        configuration.scopeNames.firstIndex(of: scope)!
    }

    private func matches(_ cell: Cell, _ scope: String) -> Bool {
        scope == AuditConfiguration.allScope || configuration.scopeNames[cell.scope] == scope
    }
}
