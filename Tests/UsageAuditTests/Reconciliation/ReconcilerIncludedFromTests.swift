import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    @Suite("Reconciler: buckets from the report window's first day")
    struct ReconcilerIncludedFromTests {
        @Test("looking from the window's first day finds what looking at half a year of buckets finds", arguments: [UInt64(1), 2, 3])
        func sameFindings(seed: UInt64) {
            var fixture = ReconciliationFixture(quotas: [
                QuotaRule(scope: "all", period: .day, defaultLimit: 60, hard: true),
                QuotaRule(scope: "all", period: .week, defaultLimit: 300, hard: true),
                QuotaRule(scope: "iso", period: .month, defaultLimit: 500, hard: false),
            ])
            var random = SeededRandom(seed: seed)
            let today = ReconciliationFixture.day(2026, 11, 21)
            // 12 users over 190 days, some days over the limits, some with refusals under them.
            for user in 0..<12 {
                for back in 0..<190 where Int.random(in: 0..<4, using: &random) == 0 {
                    fixture.use(
                        "user-\(user)", scope: Int.random(in: 0...2, using: &random), on: today.adding(days: -back),
                        units: Int64.random(in: 1...90, using: &random), rejected: Int64.random(in: 0...3, using: &random) / 3)
                }
            }
            // Profiles' own limits in periods no quota has: a billing cycle and a month of geo.
            fixture.use("user-1", scope: ReconciliationFixture.iso, on: today.adding(days: -5), units: 30)
            fixture.use("user-1", scope: ReconciliationFixture.iso, on: today.adding(days: -1), units: 30)
            fixture.store("user-1", scope: "iso", period: .billingCycle(day: 10), limit: .limit(40), used: nil, hard: true)
            fixture.store("user-2", scope: "geo", period: .month, limit: .limit(30), used: nil, hard: true)
            let window = ReportWindow(asOfDay: today, touchedDays: [today.adding(days: -9), today.adding(days: -1), today])
            let all = fixture.findings(includes: { _, range in window.contains(range) })
            let fromFirst = fixture.findings(includes: { _, range in window.contains(range) }, includedFrom: window.firstDay)
            #expect(!all.isEmpty)
            #expect(all.contains { $0.kind == .blockedUnderLimit } && all.contains { $0.kind == .overLimitServed })
            #expect(all.contains { $0.user == "user-1" && $0.period == .billingCycle(day: 10) })
            #expect(fromFirst == all)
        }
    }
}
