/// `recommendations.csv` / `recommendations.json`: one row per piece of advice, and the
/// counts per action for `summary.json` and `metrics.prom`.
///
/// The seven columns DESIGN §6 requires, in its order. `current_limit` is `-1` for
/// unlimited; `recommended_limit` is empty for `keep`.
public struct RecommendationReport {
    public static let columns = ["user", "scope", "period", "current_limit", "recommended_limit", "action", "reason"]

    /// The advice, in the order `LimitRecommender` gives it.
    public var recommendations: [Recommendation]

    public init(recommendations: [Recommendation]) {
        self.recommendations = recommendations
    }

    /// The report as a table.
    public var table: ReportTable {
        var table = ReportTable(columns: Self.columns)
        table.rows.reserveCapacity(recommendations.count)
        for advice in recommendations {
            table.rows.append([
                .text(advice.user), .text(advice.scope), .text(advice.period.name),
                ReportValue(advice.currentLimit), ReportValue(advice.recommendedLimit),
                .text(advice.action.rawValue), .text(advice.reason),
            ])
        }
        return table
    }

    /// Counts per action, in `RecommendationAction` order, zeros included.
    public static func counts(of recommendations: [Recommendation]) -> [(String, Int)] {
        var byAction: [RecommendationAction: Int] = [:]
        for advice in recommendations { byAction[advice.action, default: 0] += 1 }
        return RecommendationAction.allCases.map { ($0.rawValue, byAction[$0] ?? 0) }
    }
}
