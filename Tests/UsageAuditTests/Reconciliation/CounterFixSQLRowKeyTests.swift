import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    /// `--fix-sql` in the long layout against the rows the profiles were read from: their
    /// own spelling of the period, their bucket, and counters kept on several rows.
    @Suite("CounterFixSQL row keys")
    struct CounterFixSQLRowKeyTests {
        private let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "UTC")!)
        private let asOf: Int64 = 1_795_305_599 // 2026-11-21T23:59:59Z
        private let day = LocalDay(CivilDate(year: 2026, month: 11, day: 21))

        private func profile(_ origin: String, period: Period = .day, rowKey: StoredRowKey?) -> StoredProfile {
            StoredProfile(user: "carol", scope: "all", period: period, used: 20, origin: origin, rowKey: rowKey)
        }

        private func finding(origin: String, period: Period = .day, least: Bool = false) -> ReconciliationFinding {
            var finding = ReconciliationFinding(
                user: "carol", scope: "all", period: period, bucket: DayRange(start: day, end: day.adding(days: 1)),
                field: "used", stored: 20, recomputed: 11, kind: .staleReset, detail: "still shows 20", origin: origin)
            finding.recomputedIsLeast = least
            return finding
        }

        private func script(_ profiles: [StoredProfile], _ findings: [ReconciliationFinding]) -> String {
            CounterFixSQL(layout: .long(table: "q"), profiles: profiles).script(for: findings, asOf: asOf, calendar: calendar)
        }

        @Test("the store's own spelling of the period: 'Day' and '30' match their rows, 'day' and '30d' would not")
        func storedSpelling() {
            let profiles = [
                profile("t row 1", rowKey: StoredRowKey(period: "Day")),
                profile("t row 2", period: .days(30, anchor: LocalDay(number: 0)), rowKey: StoredRowKey(period: "30")),
            ]
            let text = script(profiles, [finding(origin: "t row 1"), finding(origin: "t row 2", period: .days(30, anchor: LocalDay(number: 0)))])
            #expect(text.contains(#"AND "period" = 'Day'"#) && text.contains(#"AND "period" = '30'"#), "\(text)")
            #expect(!text.contains(#"'day'"#) && !text.contains(#"'30d'"#), "\(text)")
        }

        @Test("a row with a period_start is matched by it too, so the other buckets' rows are left alone")
        func periodStart() {
            let profiles = [
                profile("A.csv:2", rowKey: StoredRowKey(period: "day", periodStart: "2026-11-20")),
                profile("A.csv:3", rowKey: StoredRowKey(period: "day", periodStart: "2026-11-21")),
            ]
            let text = script(profiles, [finding(origin: "A.csv:3")])
            #expect(text.contains("""
                UPDATE "q" SET "used" = 11
                  WHERE "user" = 'carol' AND "scope" = 'all' AND "period" = 'day' AND "period_start" = '2026-11-21'
                    AND "used" = 20;
                """), "\(text)")
            #expect(text.contains(#"-- Assumed schema: "q"(user, scope, period, period_start, used)."#), "\(text)")
            #expect(!text.contains("rows of this counter"), "\(text)")
        }

        @Test("a counter on several rows without period_start gets a warning naming the row; one row gets none")
        func repeatedRows() {
            let twice = [profile("B.csv:2", rowKey: StoredRowKey(period: "day")), profile("B.csv:3", rowKey: StoredRowKey(period: "day"))]
            let warned = script(twice, [finding(origin: "B.csv:3")])
            #expect(warned.contains("-- The profiles hold 2 rows of this counter and no period_start") && warned.contains("picks B.csv:3"), "\(warned)")
            let once = script([profile("B.csv:2", rowKey: StoredRowKey(period: "day"))], [finding(origin: "B.csv:2")])
            #expect(!once.contains("rows of this counter"), "\(once)")
        }

        @Test("a value that is only the least use the logs prove says so beside its statement")
        func leastUse() {
            let profiles = [profile("C.csv:2", rowKey: StoredRowKey(period: "day"))]
            #expect(script(profiles, [finding(origin: "C.csv:2", least: true)]).contains("-- 11 is the least use the logs prove"))
            #expect(!script(profiles, [finding(origin: "C.csv:2")]).contains("least use"))
        }

        @Test("the default table: the one the profiles were read from in the long shape; the gazetteer's own for whg")
        func defaultTable() {
            #expect(FixSQLLayout.defaulted(layoutName: "long", table: "q") == .long(table: "q"))
            #expect(FixSQLLayout.defaulted(layoutName: "smart-ratelimit", table: nil) == .long())
            #expect(FixSQLLayout.defaulted(layoutName: "whg", table: "whg_view") == .whg())
        }
    }
}
