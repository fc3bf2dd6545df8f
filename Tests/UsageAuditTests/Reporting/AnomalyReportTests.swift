import Foundation
import Testing
@testable import UsageAudit

@Suite("Anomaly and recommendation reports")
struct AnomalyReportTests {
    private let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!)
    private let day = LocalDay(CivilDate(year: 2026, month: 11, day: 20))

    @Test("anomalies.csv has DESIGN's ten columns first, in order, with RFC 3339 bucket bounds")
    func anomalyColumns() {
        let anomaly = Anomaly(
            user: "=cmd", scope: "all", period: .day, bucket: DayRange(start: day, end: day.adding(days: 1)),
            kind: .spike, observed: 4800, baseline: 41.004, limit: 5000, score: 12.345, detail: "4,800 vs 41")
        let text = OutputFormat.csv.render(AnomalyReport(anomalies: [anomaly]).table(calendar: calendar))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "user,scope,period,period_start,kind,observed,baseline,limit,score,detail,period_end")
        #expect(lines[1] == "'=cmd,all,day,2026-11-20T00:00:00+01:00,spike,4800,41,5000,12.35,\"4,800 vs 41\",2026-11-21T00:00:00+01:00")
    }

    @Test("an anomaly without baseline or score leaves those cells empty")
    func emptyCells() {
        let anomaly = Anomaly(
            user: "u", scope: "all", period: .day, bucket: DayRange(start: day, end: day.adding(days: 1)),
            kind: .limitReached, observed: 50, limit: 50, detail: "at the limit")
        let text = OutputFormat.csv.render(AnomalyReport(anomalies: [anomaly]).table(calendar: calendar))
        #expect(text.contains("u,all,day,2026-11-20T00:00:00+01:00,limit_reached,50,,50,,at the limit,"))
        #expect(AnomalyReport.counts(of: [anomaly, anomaly]).first { $0.0 == "limit_reached" }?.1 == 2)
        #expect(AnomalyReport.counts(of: []).map(\.0) == AnomalyKind.allCases.map(\.rawValue))
    }

    @Test("recommendations.csv has DESIGN's seven columns, -1 for unlimited and empty for keep")
    func recommendationColumns() {
        let rows = [
            Recommendation(user: "a", scope: "all", period: .day, currentLimit: 5000, recommendedLimit: 6500, action: .raise, reason: "p95 5,430"),
            Recommendation(user: "b", scope: "all", period: .day, currentLimit: -1, recommendedLimit: nil, action: .keep, reason: "fine"),
        ]
        let text = OutputFormat.csv.render(RecommendationReport(recommendations: rows).table)
        #expect(text == "user,scope,period,current_limit,recommended_limit,action,reason\na,all,day,5000,6500,raise,\"p95 5,430\"\nb,all,day,-1,,keep,fine\n")
        #expect(RecommendationReport.counts(of: rows).map(\.1) == [1, 0, 0, 0, 0, 1])
    }
}
