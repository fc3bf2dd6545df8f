/// The per-user charts of `report.html`: every user's daily series, looked up by user and
/// scope, drawn over one shared range of days so that charts in different rows compare.
///
/// The range ends on the last reported day and reaches back `maximumDays` days, or to the
/// first day with any use when the history is shorter.
struct HTMLUserCharts {
    /// Eight weeks.
    static let maximumDays = 56

    /// The days every chart shows.
    let range: DayRange
    private let series: [String: [String: DailySeries]]
    private let limits: LimitResolver

    /// - Parameter users: the users whose charts the page draws.
    init(outcome: AuditOutcome, users: Set<String>) {
        range = Self.range(usage: outcome.usage, window: outcome.window)
        var series: [String: [String: DailySeries]] = [:]
        for daily in outcome.usage.dailySeries(scopeNames: outcome.configuration.scopeNames, users: users) {
            series[daily.user, default: [:]][daily.scope] = daily
        }
        self.series = series
        limits = outcome.limits
    }

    /// The last `maximumDays` days up to the last reported day, starting no earlier than the
    /// first day of `usage` (one day, the audit day, when there is no use at all).
    static func range(usage: UsageAggregate, window: ReportWindow) -> DayRange {
        let last = window.days.last ?? window.asOfDay
        let end = last.adding(days: 1)
        var start = end.adding(days: -maximumDays)
        let firstUse = usage.cellKeys.lazy.map(\.day).min()
        if let firstUse, firstUse > start { start = min(firstUse, last) }
        if firstUse == nil { start = last }
        return DayRange(start: start, end: end)
    }

    /// The daily limit of `user` in `scope`, when one is known and finite.
    func dailyLimit(user: String, scope: String) -> Int64? {
        if case .units(let units) = limits.limit(user: user, scope: scope, period: .day).value { return units }
        return nil
    }

    /// Units per day of `range` for `user` in `scope` (`all` sums the scopes).
    func units(user: String, scope: String) -> [Int64] {
        values(user: user, scope: scope) { $0.units }
    }

    /// The chart of `user`'s daily units in `scope`, with the bucket `highlight` marked.
    /// - Parameter proposedLimit: a recommended daily limit to draw beside the current one.
    func sparkline(user: String, scope: String, highlight: DayRange?, proposedLimit: Int64? = nil) -> String {
        HTMLSparkline(
            range: range, units: units(user: user, scope: scope),
            rejected: values(user: user, scope: scope) { $0.rejected },
            limit: dailyLimit(user: user, scope: scope), proposedLimit: proposedLimit,
            highlight: highlight, subject: "\(user) · \(scope)"
        ).rendered()
    }

    private func values(user: String, scope: String, _ value: (UsageCounts) -> Int64) -> [Int64] {
        let daily = series[user]?[scope]
        return (0..<range.dayCount).map { offset in
            daily?.counts[range.start.adding(days: offset)].map(value) ?? 0
        }
    }
}
