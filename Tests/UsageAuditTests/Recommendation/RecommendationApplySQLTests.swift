import Foundation
import GRDB
import Testing
@testable import UsageAudit

extension RecommendationTests {
    @Suite("RecommendationApplyForm: SQL")
    struct RecommendationApplySQLTests {
        private let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "UTC")!)
        private let asOf: Int64 = 1_795_305_599 // 2026-11-21T23:59:59Z
        private let configuration = AuditConfiguration(
            scopes: [ScopeRule(name: "geo", paths: ["/geo"])],
            quotas: [QuotaRule(scope: "all", period: .day, defaultLimit: 5000)])

        private func advice(
            _ user: String, scope: String = "all", period: Period = .day, _ action: RecommendationAction,
            from current: Int64, to recommended: Int64?
        ) -> Recommendation {
            Recommendation(
                user: user, scope: scope, period: period, currentLimit: current, recommendedLimit: recommended,
                action: action, reason: "because\nof evidence")
        }

        private func profile(_ user: String, scope: String = "all", period: Period = .day, _ limit: StoredLimit) -> StoredProfile {
            StoredProfile(user: user, scope: scope, period: period, limit: limit)
        }

        /// The statements of a script (comments and blank lines dropped), split at `;` line ends.
        private func statements(_ script: String) -> [String] {
            var statements: [String] = []
            var current = ""
            for line in script.split(separator: "\n") where !line.hasPrefix("--") {
                current += (current.isEmpty ? "" : " ") + line.trimmingCharacters(in: .whitespaces)
                if line.hasSuffix(";") {
                    statements.append(current)
                    current = ""
                }
            }
            #expect(current.isEmpty, "a statement without its semicolon: \(current)")
            return statements
        }

        @Test("whg: guarded UPDATEs of daily_limit in one transaction that SQLite runs as written")
        func whgRuns() throws {
            let recommendations = [
                advice("o'brien", .raise, from: 5000, to: 6500),
                advice("ann", .temporaryRaise, from: 5000, to: 10000),
                advice("moved", .raise, from: 5000, to: 6500),
                advice("rich", .revertToDefault, from: 50000, to: 5000),
                advice("ann", scope: "geo", .raise, from: 100, to: 200),
                advice("bad\nname", .raise, from: 5000, to: 6500),
                advice("kim", .keep, from: 5000, to: nil),
            ]
            let limits = LimitResolver(
                profiles: [profile("o'brien", .limit(5000)), profile("ann", .useDefault), profile("moved", .limit(5000)),
                           profile("rich", .limit(50000))],
                configuration: configuration)
            let files = RecommendationApplyForm.files(
                for: recommendations, layoutName: "whg", limits: limits, asOf: asOf, calendar: calendar,
                tables: .whg(table: "api_\"profile", userTable: "auth_user"))
            let file = try #require(files.first)
            #expect(files.count == 1 && file.name == "recommendations-whg.sql")
            #expect(file.applied == 4)
            #expect(file.notes.count == 2)
            #expect(file.notes.contains { $0.contains("ann geo/day raise: the gazetteer keeps only the all/day limit") })
            #expect(file.notes.contains { $0.contains("bad?name") && $0.contains("control characters") })

            let script = file.text
            #expect(script.hasPrefix("-- usage-audit limit recommendations, for review. NOTHING HERE HAS BEEN EXECUTED."))
            #expect(script.contains("\n-- o'brien all/day raise: because?of evidence\n"), "a line break cannot end a comment")
            let sql = statements(script)
            #expect(sql.first == "BEGIN;" && sql.last == "COMMIT;")
            #expect(sql.filter { $0 == "BEGIN;" }.count == 1 && sql.filter { $0 == "COMMIT;" }.count == 1)
            #expect(sql.filter { $0.hasPrefix("UPDATE ") }.count == 4)
            #expect(script.contains("""
                UPDATE "api_""profile" SET "daily_limit" = 6500 WHERE "user_id" = (SELECT "id" FROM "auth_user" \
                WHERE "username" = 'o''brien') AND "daily_limit" = 5000;
                """))
            #expect(script.contains("AND (\"daily_limit\" IS NULL OR \"daily_limit\" = 5000);"))
            #expect(script.contains("-- after the job: UPDATE \"api_\"\"profile\" SET \"daily_limit\" = 5000"))
            #expect(!script.contains("'kim'"))

            let database = try DatabaseQueue()
            try database.write { db in
                try db.execute(sql: """
                    CREATE TABLE auth_user (id INTEGER PRIMARY KEY, username TEXT NOT NULL);
                    CREATE TABLE "api_""profile" (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, daily_count INTEGER NOT NULL,
                        daily_limit INTEGER);
                    INSERT INTO auth_user VALUES (1, 'o''brien'), (2, 'ann'), (3, 'moved'), (4, 'rich'), (5, 'kim');
                    INSERT INTO "api_""profile" VALUES (1, 1, 10, 5000), (2, 2, 10, NULL), (3, 3, 10, 7000), (4, 4, 10, 50000),
                        (5, 5, 10, 5000);
                    """)
            }
            try database.writeWithoutTransaction { db in try db.execute(sql: script) }
            let limitsAfter = try database.read { db in
                try Row.fetchAll(db, sql: "SELECT user_id, daily_limit FROM \"api_\"\"profile\" ORDER BY user_id")
                    .map { (row: Row) -> Int64? in row["daily_limit"] }
            }
            // o'brien raised, ann raised for the job, moved changed since (left alone), rich back to the default, kim kept.
            #expect(limitsAfter == [6500, 10000, 7000, 5000, 5000])
        }

        @Test("long: UPDATE, NULL for the default, and a guarded INSERT for a user without a row")
        func longRuns() throws {
            let recommendations = [
                advice("ana", .raise, from: 5000, to: 6500),
                advice("bob", .revertToDefault, from: 50000, to: 5000),
                advice("cy", scope: "geo", period: .billingCycle(day: 15), .temporaryRaise, from: 900, to: 1800),
                advice("dee", .temporaryRaise, from: 5000, to: 10000),
            ]
            let limits = LimitResolver(
                profiles: [profile("ana", .limit(5000)), profile("bob", .limit(50000)), profile("dee", .useDefault)],
                configuration: configuration)
            let file = try #require(RecommendationApplyForm.files(
                for: recommendations, layoutName: "long", limits: limits, asOf: asOf, calendar: calendar,
                tables: .long(table: "q\"limits")).first)
            #expect(file.name == "recommendations-long.sql" && file.applied == 4 && file.notes.isEmpty)
            #expect(file.text.contains("""
                UPDATE "q""limits" SET "limit" = NULL WHERE "user" = 'bob' AND "scope" = 'all' AND "period" = 'day' \
                AND "limit" = 50000;
                """))
            #expect(file.text.contains("-- after the job: UPDATE \"q\"\"limits\" SET \"limit\" = NULL WHERE \"user\" = 'dee'"))
            #expect(file.text.contains("-- after the job: UPDATE \"q\"\"limits\" SET \"limit\" = NULL WHERE \"user\" = 'cy' "
                + "AND \"scope\" = 'geo' AND \"period\" = 'month@15' AND \"limit\" = 1800;"))
            let sql = statements(file.text)
            #expect(sql.first == "BEGIN;" && sql.last == "COMMIT;" && sql.count == 6)

            let database = try DatabaseQueue()
            try database.write { db in
                try db.execute(sql: """
                    CREATE TABLE "q""limits" ("user" TEXT, "scope" TEXT, "period" TEXT, "limit" INTEGER);
                    INSERT INTO "q""limits" VALUES ('ana', 'all', 'day', 5000), ('bob', 'all', 'day', 50000),
                        ('dee', 'all', 'day', NULL), ('cy', 'all', 'day', 7000);
                    """)
            }
            try database.writeWithoutTransaction { db in try db.execute(sql: file.text) }
            let rows = try database.read { db in
                try Row.fetchAll(db, sql: "SELECT \"user\", \"period\", \"limit\" FROM \"q\"\"limits\" ORDER BY \"user\", \"period\"")
                    .map { (row: Row) -> String in
                        let limit: Int64? = row["limit"]
                        return "\(row["user"] as String) \(row["period"] as String) \(limit.map(String.init) ?? "NULL")"
                    }
            }
            #expect(rows == ["ana day 6500", "bob day NULL", "cy day 7000", "cy month@15 1800", "dee day 10000"])
        }

        @Test("no store layout and no table named: no file; smart-ratelimit: none, with the reason")
        func noForm() {
            let limits = LimitResolver(profiles: [], configuration: configuration)
            let recommendations = [advice("ana", .raise, from: 5000, to: 6500)]
            #expect(RecommendationApplyForm.files(for: recommendations, layoutName: nil, limits: limits, asOf: asOf, calendar: calendar).isEmpty)
            #expect(RecommendationApplyForm.files(
                for: recommendations, layout: SmartRatelimitProfileLayout(), limits: limits, asOf: asOf, calendar: calendar).isEmpty)
            #expect(RecommendationApplyForm.unavailableReason(layoutName: "smart-ratelimit")?.contains("@quota(limit=") == true)
            #expect(RecommendationApplyForm.unavailableReason(layoutName: "whg") == nil)
            let named = RecommendationApplyForm.files(
                for: recommendations, layoutName: nil, limits: limits, asOf: asOf, calendar: calendar, tables: .long())
            #expect(named.map(\.name) == ["recommendations-long.sql"])
        }
    }
}
