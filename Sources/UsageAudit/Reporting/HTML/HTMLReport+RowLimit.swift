extension HTMLReport {
    /// How many rows a table of the page shows at most: a night with tens of thousands of
    /// findings still gives a page a browser opens at once (each row carries a chart). The
    /// CSV and JSON reports hold every row.
    public static let defaultRowLimit = 500

    /// The `limit` rows of `rows` that come first by `precedes` (the most notable), in the
    /// order of `rows` (the report's order); all of `rows` when there are no more than `limit`.
    static func mostNotable<Row>(_ rows: [Row], limit: Int, by precedes: (Row, Row) -> Bool) -> [Row] {
        guard rows.count > limit else { return rows }
        let ranked = rows.indices.sorted { precedes(rows[$0], rows[$1]) || (!precedes(rows[$1], rows[$0]) && $0 < $1) }
        return ranked.prefix(max(0, limit)).sorted().map { rows[$0] }
    }

    /// The anomalies the page shows: spikes, bursts and new heavy users before the limit
    /// kinds, the highest score (then the most observed) first within a kind.
    func shownAnomalies() -> [Anomaly] {
        Self.shownAnomalies(of: outcome, limit: rowLimit)
    }

    static func shownAnomalies(of outcome: AuditOutcome, limit: Int) -> [Anomaly] {
        let rank: [AnomalyKind: Int] = [.spike: 0, .burst: 1, .newHeavyUser: 2, .nearLimit: 3, .limitReached: 4]
        return mostNotable(outcome.anomalies, limit: limit) { left, right in
            let (a, b) = (rank[left.kind] ?? 5, rank[right.kind] ?? 5)
            if a != b { return a < b }
            let (x, y) = (left.score ?? -.infinity, right.score ?? -.infinity)
            if x != y { return x > y }
            return left.observed > right.observed
        }
    }

    /// The reconciliation findings the page shows: by kind (`FindingKind` order), the
    /// largest disagreement first within a kind.
    func shownFindings() -> [ReconciliationFinding] {
        Self.shownFindings(of: outcome, limit: rowLimit)
    }

    static func shownFindings(of outcome: AuditOutcome, limit: Int) -> [ReconciliationFinding] {
        mostNotable(outcome.findings, limit: limit) { left, right in
            if left.kind != right.kind { return left.kind < right.kind }
            return (left.delta?.magnitude ?? 0) > (right.delta?.magnitude ?? 0)
        }
    }

    /// The recommendations of `action`s the page shows: by action (`RecommendationAction`
    /// order), the largest change of limit first.
    func shownRecommendations(_ recommendations: [Recommendation]) -> [Recommendation] {
        Self.shownRecommendations(recommendations, limit: rowLimit)
    }

    static func shownRecommendations(_ recommendations: [Recommendation], limit: Int) -> [Recommendation] {
        mostNotable(recommendations, limit: limit) { left, right in
            if left.action != right.action { return left.action < right.action }
            return change(left) > change(right)
        }
    }

    /// A note under a table that shows `shown` of `total` rows, naming the file with all.
    func rowLimitNote(shown: Int, of total: Int, file: String, order: String) -> String {
        guard shown < total else { return "" }
        return #"<p class="note">Showing \#(HTMLNumber.grouped(Int64(shown))) of \#(HTMLNumber.grouped(Int64(total))) rows (\#(order)); "#
            + #"<code>\#(file)</code> holds every row.</p>"#
    }

    private static func change(_ advice: Recommendation) -> UInt64 {
        guard let current = advice.currentLimit, let proposed = advice.recommendedLimit else { return 0 }
        return (proposed &- current).magnitude
    }
}
