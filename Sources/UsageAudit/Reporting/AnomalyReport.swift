/// `anomalies.csv` / `anomalies.json`: one row per anomaly, and the counts per kind for
/// `summary.json` and `metrics.prom`.
///
/// The ten columns DESIGN §6 requires come first, in its order; `period_end` follows (the
/// bucket's end, RFC 3339 in the configured zone). `baseline` and `score` have two
/// decimals; empty where the kind has none.
public struct AnomalyReport {
    public static let columns = [
        "user", "scope", "period", "period_start", "kind", "observed", "baseline", "limit", "score", "detail",
        "period_end",
    ]

    /// The anomalies, in the order `AnomalyDetector` reports them.
    public var anomalies: [Anomaly]

    public init(anomalies: [Anomaly]) {
        self.anomalies = anomalies
    }

    /// The report as a table; bucket bounds are RFC 3339 in `calendar`'s zone.
    public func table(calendar: ZonedCalendar) -> ReportTable {
        var table = ReportTable(columns: Self.columns)
        table.rows.reserveCapacity(anomalies.count)
        for anomaly in anomalies {
            table.rows.append([
                .text(anomaly.user), .text(anomaly.scope), .text(anomaly.period.name),
                .text(calendar.rfc3339(calendar.startOfDay(anomaly.bucket.start))), .text(anomaly.kind.rawValue),
                .integer(anomaly.observed), Self.decimal(anomaly.baseline), ReportValue(anomaly.limit),
                Self.decimal(anomaly.score), .text(anomaly.detail),
                .text(calendar.rfc3339(calendar.startOfDay(anomaly.bucket.end))),
            ])
        }
        return table
    }

    /// Anomaly counts per kind, in `AnomalyKind` order, zeros included.
    public static func counts(of anomalies: [Anomaly]) -> [(String, Int)] {
        var byKind: [AnomalyKind: Int] = [:]
        for anomaly in anomalies { byKind[anomaly.kind, default: 0] += 1 }
        return AnomalyKind.allCases.map { ($0.rawValue, byKind[$0] ?? 0) }
    }

    /// A number rounded to two decimals (finite values only; others are left empty).
    static func decimal(_ value: Double?) -> ReportValue {
        guard let value, value.isFinite else { return .empty }
        return .decimal((value * 100).rounded() / 100)
    }
}
