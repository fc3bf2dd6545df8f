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

    @Test("the rows shown keep the report's order")
    func keepsTheReportOrder() {
        let rows = Array(0..<10)
        #expect(HTMLReport.mostNotable(rows, limit: 3, by: >) == [7, 8, 9])
        #expect(HTMLReport.mostNotable(rows, limit: 20, by: >) == rows)
        #expect(HTMLReport.mostNotable(rows, limit: 0, by: >) == [])
    }

    @Test("a table within the limit has no note")
    func noNoteWithinTheLimit() {
        let page = HTMLReport(outcome: Self.crowdedOutcome(count: 3), rowLimit: 5).rendered()
        #expect(!page.contains("Showing "))
        for index in 0..<3 { #expect(page.contains("limit reached \(index)<")) }
    }
}
