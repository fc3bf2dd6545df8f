import Testing
@testable import UsageAudit

@Suite("HTMLReport row limit")
struct HTMLReportRowLimitTests {
    /// `count` limit_reached anomalies of users `user-0000…`, plus one spike of `user-9999`.
    static func crowdedOutcome(count: Int) -> AuditOutcome {
        var outcome = HTMLReportFixture.outcome(days: 14)
        let bucket = HTMLReportFixture.dayBucket(0)
        outcome.anomalies = (0..<count).map { index in
            Anomaly(user: "user-" + String(1000 + index).dropFirst(), scope: "all", period: .day, bucket: bucket,
                    kind: .limitReached, observed: 100 + Int64(index), limit: 100, detail: "limit reached \(index)")
        } + [
            Anomaly(user: "user-9999", scope: "all", period: .day, bucket: bucket, kind: .spike,
                    observed: 900, baseline: 10, limit: 100, score: 20, detail: "the one spike"),
        ]
        return outcome
    }

    @Test("a table with more rows than the limit shows the most notable ones and says where the rest are")
    func showsTheMostNotableRows() {
        let outcome = Self.crowdedOutcome(count: 40)
        let page = HTMLReport(outcome: outcome, rowLimit: 5).rendered()
        #expect(page.contains("Showing 5 of 41 rows"))
        #expect(page.contains("<code>anomalies.csv</code> holds every row"))
        // The spike comes first by kind; then the limit_reached rows with the most units.
        #expect(page.contains("the one spike"))
        for index in 36..<40 { #expect(page.contains("limit reached \(index)<")) }
        #expect(!page.contains("limit reached 35<"))
        // The section heading still counts every anomaly.
        #expect(page.contains(#"Anomalies<span class="count">41</span>"#))
    }

    @Test("findings: the error kinds (a blocked customer) are kept before hundreds of missing profiles, whatever their sizes")
    func errorFindingsFirst() {
        var outcome = HTMLReportFixture.outcome(days: 14)
        let bucket = HTMLReportFixture.dayBucket(0)
        outcome.findings = (0..<40).map { index in
            ReconciliationFinding(user: "user-\(index)", scope: "all", period: .day, bucket: bucket, field: "used",
                                  stored: nil, recomputed: 1000 + Int64(index), kind: .missingProfile, detail: "missing \(index)")
        } + [
            ReconciliationFinding(user: "zz-customer", scope: "all", period: .day, bucket: bucket, field: "limit",
                                  stored: 3, recomputed: 3, kind: .blockedUnderLimit, detail: "refused 5 times"),
            ReconciliationFinding(user: "zz-drift", scope: "all", period: .day, bucket: bucket, field: "used",
                                  stored: 10, recomputed: 12, kind: .drift, detail: "2 lost"),
        ]
        let shown = HTMLReport.shownFindings(of: outcome, limit: 5)
        #expect(shown.map(\.user).filter { $0.hasPrefix("zz-") }.sorted() == ["zz-customer", "zz-drift"])
        #expect(shown.filter { $0.kind == .missingProfile }.map(\.user) == ["user-0", "user-1", "user-2"], "no size to rank by: report order")
        #expect(HTMLReport(outcome: outcome, rowLimit: 5).rendered().contains("zz-customer"))
    }

    @Test("the rows shown keep the report's order")
    func keepsTheReportOrder() {
        let rows = Array(0..<10)
        let byValue = { (row: Int) in HTMLReport.NotableRank(group: 0, score: Double(row)) }
        #expect(HTMLReport.mostNotable(rows, limit: 3, rank: byValue) == [7, 8, 9])
        #expect(HTMLReport.mostNotable(rows, limit: 20, rank: byValue) == rows)
        #expect(HTMLReport.mostNotable(rows, limit: 0, rank: byValue) == [])
    }

    @Test("rows rank by group, then score, then amount (signed amounts in their order), then report order")
    func ranksByGroupScoreAndAmount() {
        typealias Rank = HTMLReport.NotableRank
        let rows: [(name: String, rank: Rank)] = [
            ("late group", Rank(group: 1, score: 9)),
            ("low score", Rank(group: 0, score: 1)),
            ("negative", Rank(group: 0, score: 5, amount: Rank.amount(of: -3))),
            ("positive", Rank(group: 0, score: 5, amount: Rank.amount(of: 2))),
            ("tie, first", Rank(group: 0, score: 5, amount: Rank.amount(of: 2))),
        ]
        let shown = HTMLReport.mostNotable(rows, limit: 3, rank: \.rank).map(\.name)
        // The three best are "positive" and "tie, first" (amount 2) and "negative" (score 5
        // beats 1, group 0 beats 1); they keep the report's order.
        #expect(shown == ["negative", "positive", "tie, first"])
        #expect(HTMLReport.mostNotable(rows, limit: 2, rank: \.rank).map(\.name) == ["positive", "tie, first"])
        #expect(HTMLReport.mostNotable(rows, limit: 1, rank: \.rank).map(\.name) == ["positive"])
    }

    @Test("a table within the limit has no note")
    func noNoteWithinTheLimit() {
        let page = HTMLReport(outcome: Self.crowdedOutcome(count: 3), rowLimit: 5).rendered()
        #expect(!page.contains("Showing "))
        for index in 0..<3 { #expect(page.contains("limit reached \(index)<")) }
    }
}
