extension HTMLReport {
    /// How many rows a table of the page shows at most: a night with tens of thousands of
    /// findings still gives a page a browser opens at once (each row carries a chart). The
    /// CSV and JSON reports hold every row.
    public static let defaultRowLimit = 500

    /// Where a row stands among the rows of its table: the lower `group` first, then the
    /// higher `score`, then the larger `amount`. Computed once per row, so that ranking tens
    /// of thousands of findings compares three numbers, not two copies of a finding.
    struct NotableRank: Comparable {
        var group: Int
        var score: Double = 0
        var amount: UInt64 = 0

        /// `amount` for a signed value: the same order as the value, in unsigned numbers.
        static func amount(of value: Int64) -> UInt64 {
            UInt64(bitPattern: value) ^ (1 << 63)
        }

        static func < (left: NotableRank, right: NotableRank) -> Bool {
            if left.group != right.group { return left.group < right.group }
            if left.score != right.score { return left.score > right.score }
            return left.amount > right.amount
        }
    }

    /// The `limit` rows of `rows` that rank first by `rank` (the most notable; the earlier
    /// row on ties), in the order of `rows` (the report's order); all of `rows` when there
    /// are no more than `limit`.
    static func mostNotable<Row>(_ rows: [Row], limit: Int, rank: (Row) -> NotableRank) -> [Row] {
        guard rows.count > limit else { return rows }
        let ranks = rows.map(rank)
        let ranked = ranks.indices.sorted { ranks[$0] < ranks[$1] || (!(ranks[$1] < ranks[$0]) && $0 < $1) }
        return ranked.prefix(max(0, limit)).sorted().map { rows[$0] }
    }

    /// The anomalies the page shows: spikes, bursts and new heavy users before the limit
    /// kinds, the highest score (then the most observed) first within a kind.
    func shownAnomalies() -> [Anomaly] {
        Self.shownAnomalies(of: outcome, limit: rowLimit)
    }

    static func shownAnomalies(of outcome: AuditOutcome, limit: Int) -> [Anomaly] {
        func group(_ kind: AnomalyKind) -> Int {
            switch kind {
            case .spike: 0
            case .burst: 1
            case .newHeavyUser: 2
            case .nearLimit: 3
            case .limitReached: 4
            }
        }
        return mostNotable(outcome.anomalies, limit: limit) { anomaly in
            NotableRank(
                group: group(anomaly.kind), score: anomaly.score ?? -.infinity,
                amount: NotableRank.amount(of: anomaly.observed))
        }
    }

    /// The reconciliation findings the page shows: the error kinds (`FindingThreshold.errorKinds`,
    /// what `--fail-on error` pages on: a wrong counter, a limit not applied) before the
    /// others, by kind (`FindingKind` order) within each, the largest disagreement first
    /// within a kind. Hundreds of missing profiles do not hide a blocked customer.
    func shownFindings() -> [ReconciliationFinding] {
        Self.shownFindings(of: outcome, limit: rowLimit)
    }

    static func shownFindings(of outcome: AuditOutcome, limit: Int) -> [ReconciliationFinding] {
        let kinds = FindingKind.allCases
        return mostNotable(outcome.findings, limit: limit) { finding in
            let order = kinds.firstIndex(of: finding.kind) ?? kinds.count
            let severity = FindingThreshold.errorKinds.contains(finding.kind) ? 0 : kinds.count + 1
            return NotableRank(group: severity + order, amount: finding.delta?.magnitude ?? 0)
        }
    }

    /// The recommendations of `action`s the page shows: by action (`RecommendationAction`
    /// order), the largest change of limit first.
    func shownRecommendations(_ recommendations: [Recommendation]) -> [Recommendation] {
        Self.shownRecommendations(recommendations, limit: rowLimit)
    }

    static func shownRecommendations(_ recommendations: [Recommendation], limit: Int) -> [Recommendation] {
        let actions = RecommendationAction.allCases
        return mostNotable(recommendations, limit: limit) { advice in
            NotableRank(group: actions.firstIndex(of: advice.action) ?? actions.count, amount: change(advice))
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
