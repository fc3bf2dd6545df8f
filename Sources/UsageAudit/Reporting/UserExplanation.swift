/// Everything usage-audit knows about one user, for the staff member who just read the
/// report: recent daily use per scope with a sparkline, the limits and where they come
/// from, and every finding and recommendation with its reasoning (`usage-audit explain`).
public struct UserExplanation {
    /// One scope's recent use and the limits that apply to it.
    public struct Line {
        public var scope: String
        /// Units per day, oldest first, for the `days` days up to the audit day.
        public var daily: [Int64]
        /// Each limit of the scope, with the use of its bucket up to the end of the audit day.
        public var limits: [(period: Period, limit: EffectiveLimit, used: Int64)]
    }

    public let user: String
    public let days: Int
    public let lines: [Line]
    public let anomalies: [Anomaly]
    public let findings: [ReconciliationFinding]
    public let recommendations: [Recommendation]
    private let calendar: ZonedCalendar
    private let asOf: Int64

    public init(outcome: AuditOutcome, user: String, days: Int = 28) {
        self.user = user
        self.days = max(1, days)
        asOf = outcome.asOf
        calendar = ZonedCalendar(timeZone: outcome.configuration.timeZone)
        let asOfDay = calendar.localDay(containing: outcome.asOf)
        let first = asOfDay.adding(days: -(self.days - 1))
        // A limit line counts the bucket up to the audit day, as the recommendations do:
        // with an earlier --as-of, the days after it are not yet used.
        let horizon = asOfDay.clampedAdding(days: 1)
        var lines: [Line] = []
        for series in outcome.usage.dailySeries(scopeNames: outcome.configuration.scopeNames, users: [user]) where series.user == user {
            let daily = (0..<self.days).map { series.units(on: first.adding(days: $0)) }
            // The user's own billing cycle where a profile frames the quota's months otherwise.
            let periods = outcome.limits.periods(
                user: user, scope: series.scope, quotaPeriods: outcome.configuration.periods(forScope: series.scope))
            let limits = periods.compactMap { period -> (Period, EffectiveLimit, Int64)? in
                let limit = outcome.limits.limit(user: user, scope: series.scope, period: period)
                guard limit.reportedLimit != nil else { return nil }
                let bucket = period.bucket(containing: asOfDay)
                let used = series.counts(in: DayRange(start: bucket.start, end: min(bucket.end, horizon))).units
                return (period, limit, used)
            }
            lines.append(Line(scope: series.scope, daily: daily, limits: limits))
        }
        self.lines = lines
        anomalies = outcome.anomalies.filter { $0.user == user }
        findings = outcome.findings.filter { $0.user == user }
        recommendations = outcome.recommendations.filter { $0.user == user }
    }

    /// Whether the store or the logs know the user at all.
    public var isKnown: Bool {
        !lines.isEmpty || !findings.isEmpty || !recommendations.isEmpty
    }

    /// `the last 28 days`, `the last day`.
    static func lastDays(_ days: Int) -> String {
        days == 1 ? "the last day" : "the last \(days) days"
    }

    /// Eight levels of block characters scaled to `top`.
    public static func sparkline(_ values: [Int64], top: Int64) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        guard top > 0 else { return String(repeating: "▁", count: values.count) }
        return String(values.map { value in
            let share = Double(max(0, value)) / Double(top)
            return blocks[min(blocks.count - 1, Int((share * Double(blocks.count - 1)).rounded()))]
        })
    }

    /// The explanation as terminal text.
    public func text() -> String {
        var out = "\(user) — as of \(calendar.rfc3339(asOf))\n\n"
        if lines.isEmpty { out += "No use in \(Self.lastDays(days)).\n" }
        for line in lines {
            let dayLimit = line.limits.first { $0.period == .day }.flatMap { limit -> Int64? in
                if case .units(let units) = limit.limit.value { return units }
                return nil
            }
            let top = max(line.daily.max() ?? 0, dayLimit ?? 0)
            out += "\(line.scope)  last \(days == 1 ? "day" : "\(days) days")  \(Self.sparkline(line.daily, top: top))  today \(FindingText.count(line.daily.last ?? 0)), peak \(FindingText.count(line.daily.max() ?? 0))\n"
            for (period, limit, used) in line.limits {
                let value: String
                switch limit.value {
                case .none: value = "none"
                case .unlimited: value = "unlimited"
                case .units(let units): value = "\(FindingText.count(used)) of \(FindingText.count(units))" + (units > 0 ? " (\(used.percent(of: units))%)" : "")
                }
                out += "    \(period.name) limit: \(value), \(limit.hard ? "hard" : "soft"), from \(limit.sourceDescription)\n"
            }
        }
        let reach = "in buckets of \(Self.lastDays(days)); --days reaches further back"
        out += section("Anomalies (\(reach))", anomalies.map { "\(calendar.rfc3339(calendar.startOfDay($0.bucket.start)).prefix(10))  \($0.kind.rawValue)  \($0.scope)/\($0.period.name)  \($0.detail)" })
        out += section("Reconciliation (\(reach))", findings.map { "\(calendar.rfc3339(calendar.startOfDay($0.bucket.start)).prefix(10))  \($0.kind.rawValue)  \($0.scope)/\($0.period.name)  \($0.detail)" })
        out += section("Recommendations", recommendations.map { "\($0.action.rawValue)  \($0.scope)/\($0.period.name)  \($0.reason)" })
        return out
    }

    /// One JSON object per finding and recommendation (`--format jsonl`).
    public func jsonLines() -> [JSONValue] {
        let anomalyRows = AnomalyReport(anomalies: anomalies).table(calendar: calendar)
        let findingRows = ReconciliationReport(findings: findings).table(calendar: calendar)
        let adviceRows = RecommendationReport(recommendations: recommendations).table
        return [("anomaly", anomalyRows), ("reconciliation", findingRows), ("recommendation", adviceRows)].flatMap { category, table in
            table.rows.map { row in
                JSONValue.object([("category", .string(category))] + zip(table.columns, row).map { ($0, JSONValue($1)) })
            }
        }
    }

    private func section(_ title: String, _ rows: [String]) -> String {
        "\n\(title):\n" + (rows.isEmpty ? "  none\n" : rows.map { "  \($0)\n" }.joined())
    }
}
