import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    @Suite("CounterFixSQL")
    struct CounterFixSQLTests {
        private let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "UTC")!)
        private let asOf: Int64 = 1_795_305_599 // 2026-11-21T23:59:59Z
        private let bucket = DayRange(start: LocalDay(CivilDate(year: 2026, month: 11, day: 21)), end: LocalDay(CivilDate(year: 2026, month: 11, day: 22)))

        private func finding(
            _ user: String, scope: String = "all", period: Period = .day, kind: FindingKind = .drift,
            field: String = "used", stored: Int64? = 4963, recomputed: Int64? = 5000, detail: String = "stored 4,963"
        ) -> ReconciliationFinding {
            ReconciliationFinding(user: user, scope: scope, period: period, bucket: bucket, field: field,
                                  stored: stored, recomputed: recomputed, kind: kind, detail: detail)
        }

        @Test("whg: one guarded UPDATE per all/day counter, inside BEGIN/COMMIT, under a header")
        func whgScript() {
            let script = CounterFixSQL(layout: .whg()).script(for: [finding("alice")], asOf: asOf, calendar: calendar)
            let lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first?.hasPrefix("-- usage-audit --fix-sql") == true)
            #expect(script.contains("NOTHING HERE HAS BEEN EXECUTED"))
            #expect(script.contains("-- Audit moment 2026-11-21T23:59:59+00:00 (UTC); layout whg, table \"api_userapiprofile\"."))
            #expect(lines.filter { $0 == "BEGIN;" }.count == 1 && lines.dropLast().last == "COMMIT;")
            #expect(script.contains("""
                -- alice all/day [2026-11-21, 2026-11-22) drift: stored 4,963
                UPDATE "api_userapiprofile" SET "daily_count" = 5000
                  WHERE "user_id" = (SELECT "id" FROM "auth_user" WHERE "username" = 'alice')
                    AND "daily_count" = 4963;
                """))
            #expect(script.hasSuffix("COMMIT;\n"))
        }

        @Test("the table names are parameters, quoted, schema-qualified names allowed")
        func tableNames() {
            let script = CounterFixSQL(layout: .whg(table: "gis.api_\"profile", userTable: "accounts_user"))
                .script(for: [finding("alice")], asOf: asOf, calendar: calendar)
            #expect(script.contains("UPDATE \"gis\".\"api_\"\"profile\" SET"))
            #expect(script.contains("FROM \"accounts_user\" WHERE"))
        }

        @Test("long: keyed by user, scope and period, the counter in `used`")
        func longScript() {
            let script = CounterFixSQL(layout: .long(table: "quota_usage")).script(
                for: [finding("bob", scope: "iso", period: .billingCycle(day: 15), kind: .staleReset, stored: 812, recomputed: 0)],
                asOf: asOf, calendar: calendar)
            #expect(script.contains("""
                UPDATE "quota_usage" SET "used" = 0
                  WHERE "user" = 'bob' AND "scope" = 'iso' AND "period" = 'month@15'
                    AND "used" = 812;
                """))
        }

        @Test("only drift and stale resets of `used`; whg skips what it cannot hold")
        func selection() {
            let findings = [
                finding("a"), finding("b", kind: .staleReset),
                finding("c", kind: .overLimitServed, field: "limit"), finding("d", kind: .totalRegression, field: "total"),
                finding("e", kind: .missingProfile, stored: nil), finding("f", scope: "geo"),
            ]
            let script = CounterFixSQL(layout: .whg()).script(for: findings, asOf: asOf, calendar: calendar)
            #expect(script.split(separator: "\n").filter { $0.hasPrefix("UPDATE ") }.count == 2)
            #expect(script.contains("-- 2 UPDATE statements for 3 counter findings (of 6 findings)."))
            #expect(script.contains("-- skipped: the whg layout keeps only the all/day counter."))
            #expect(!script.contains("'c'") && !script.contains("'d'") && !script.contains("'e'"))
        }

        @Test("quotes in user names are doubled; backslashes are ordinary characters")
        func quoting() {
            let script = CounterFixSQL(layout: .long()).script(
                for: [finding("o'brien'); DROP TABLE profiles; --\\")], asOf: asOf, calendar: calendar)
            #expect(script.contains("WHERE \"user\" = 'o''brien''); DROP TABLE profiles; --\\' AND"))
            #expect(CounterFixSQL.literal("''") == "''''''")
            #expect(CounterFixSQL.literal("é ünïcode") == "'é ünïcode'")
        }

        @Test("control characters: no statement for such a name, and comments cannot be broken out of")
        func controlCharacters() {
            let evil = "eve\nUPDATE profiles SET used = 0;--"
            let script = CounterFixSQL(layout: .long()).script(
                for: [finding(evil, detail: "line\r\nbreak\u{2028}")], asOf: asOf, calendar: calendar)
            let lines = script.split(separator: "\n").map(String.init)
            // Every line is a comment, empty, BEGIN or COMMIT: nothing from the name runs.
            #expect(lines.allSatisfy { $0.hasPrefix("--") || $0 == "BEGIN;" || $0 == "COMMIT;" })
            #expect(script.contains("-- eve?UPDATE profiles SET used = 0;-- all/day"))
            #expect(script.contains("line??break?"))
            #expect(script.contains("-- skipped: the user or scope name holds control characters; write this update by hand."))
            #expect(CounterFixSQL.literal("a\u{0}b") == nil)
            #expect(CounterFixSQL.literal("a\u{85}b") == nil)
        }

        @Test("an empty list is still a well-formed, empty transaction")
        func empty() {
            let script = CounterFixSQL(layout: .whg()).script(for: [], asOf: asOf, calendar: calendar)
            #expect(script.contains("-- 0 UPDATE statements for 0 counter findings (of 0 findings).\nBEGIN;\n\nCOMMIT;\n"))
        }
    }
}
