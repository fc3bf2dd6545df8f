import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    @Suite("ReconciliationReport")
    struct ReconciliationReportTests {
        private let today = ReconciliationFixture.day(2026, 11, 21)

        @Test("the nine columns of DESIGN §6 first, in order, then the bucket and the evidence")
        func columns() {
            #expect(Array(ReconciliationReport.columns.prefix(9)) == [
                "user", "scope", "period", "field", "stored", "recomputed", "delta", "kind", "detail",
            ])
            #expect(ReconciliationReport.columns.dropFirst(9) == ["period_start", "period_end", "origin"])
        }

        @Test("rows carry typed cells: numbers as integers, missing values empty, stamps in the zone")
        func rows() throws {
            var fixture = ReconciliationFixture(zone: "Europe/Berlin")
            fixture.use("=bob", on: today, units: 5000)
            fixture.use("carl", on: today, units: 20)
            fixture.store("=bob", used: 4963)
            let findings = fixture.findings()
            let table = ReconciliationReport(findings: findings).table(calendar: fixture.calendar)
            #expect(table.columns == ReconciliationReport.columns)
            #expect(table.rows.count == 2)
            let drift = table.rows[0]
            #expect(drift[0] == .text("=bob") && drift[1] == .text("all") && drift[2] == .text("day") && drift[3] == .text("used"))
            #expect(drift[4] == .integer(4963) && drift[5] == .integer(5000) && drift[6] == .integer(-37))
            #expect(drift[7] == .text("drift"))
            #expect(drift[9] == .text("2026-11-21T00:00:00+01:00") && drift[10] == .text("2026-11-22T00:00:00+01:00"))
            #expect(drift[11] == .text("profiles.csv:2"))
            let missing = table.rows[1]
            #expect(missing[7] == .text("missing_profile") && missing[4] == .empty && missing[6] == .empty && missing[11] == .empty)
            // The CSV renderer neutralises the formula-like user name.
            #expect(CSVRenderer.render(table).contains("\n'=bob,all,day,used,4963,5000,-37,drift,"))
        }

        @Test("counts per kind in FindingKind order, zeros included")
        func counts() {
            var fixture = ReconciliationFixture()
            fixture.use("a", on: today, units: 6000)
            fixture.use("b", on: today, units: 100, rejected: 3)
            fixture.store("a", used: 10)
            fixture.store("b", used: 100)
            fixture.store("c", used: 5)
            let counts = ReconciliationReport(findings: fixture.findings()).counts
            #expect(counts.map(\.0) == FindingKind.allCases.map(\.rawValue))
            #expect(counts.map(\.1) == [1, 0, 0, 1, 0, 1, 1, 0])
            #expect(ReconciliationReport.counts(of: []).allSatisfy { $0.1 == 0 })
        }

        @Test("order is deterministic: profiles and usage in any order give the same findings")
        func deterministicOrder() {
            var generator = SeededRandom(seed: 42)
            var reference: [ReconciliationFinding]?
            for _ in 0..<5 {
                var fixture = ReconciliationFixture()
                var uses: [(String, Int, Int, Int64, Int64)] = []
                for user in ["zoe", "Ann", "bob", "émile", "ann", "10"] {
                    for offset in 0..<3 {
                        uses.append((user, offset % 2, offset, 1000 * Int64(offset + 1), Int64(offset)))
                    }
                }
                for (user, scope, offset, units, rejected) in uses.shuffled(using: &generator) {
                    fixture.use(user, scope: scope, on: today.adding(days: -offset), units: units, rejected: rejected)
                }
                var stores: [(String, String, Period, Int64)] = []
                for user in ["zoe", "Ann", "bob", "émile", "ghost"] {
                    stores.append((user, "all", .day, 999))
                    stores.append((user, "iso", .month, 1))
                    stores.append((user, "geo", .week, 2))
                }
                for (user, scope, period, used) in stores.shuffled(using: &generator) {
                    fixture.store(user, scope: scope, period: period, used: used)
                }
                // Origins follow the shuffled order: blank them so only content is compared.
                let findings = fixture.findings().map { finding -> ReconciliationFinding in
                    var copy = finding
                    copy.origin = ""
                    return copy
                }
                if let reference {
                    #expect(findings == reference)
                } else {
                    reference = findings
                }
            }
            let users = reference?.map(\.user) ?? []
            #expect(users.first == "10" && users.last == "émile")
            #expect(Set(reference?.map(\.kind) ?? []).count >= 3)
        }
    }
}
