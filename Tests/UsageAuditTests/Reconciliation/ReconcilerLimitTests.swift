import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    @Suite("Reconciler: limits enforced as stored")
    struct ReconcilerLimitTests {
        private let today = ReconciliationFixture.day(2026, 11, 21)
        private var yesterday: LocalDay { today.adding(days: -1) }

        @Test("a hard limit not enforced: over_limit_served names the units past it")
        func overLimitServed() throws {
            var fixture = ReconciliationFixture()
            fixture.use("mia", on: today, units: 5212)
            let finding = try #require(fixture.findings().first)
            #expect(fixture.findings().count == 1)
            #expect(finding.kind == .overLimitServed && finding.field == "limit")
            #expect(finding.stored == 5000 && finding.recomputed == 5212 && finding.delta == -212)
            #expect(finding.detail == "served 5,212 requests today against a hard limit of 5,000 (from the quota default): "
                + "212 past the limit, the limit was not enforced")
        }

        @Test("a hard limit only a profile sets (no quota of its scope and period) is judged in every bucket of use, not only the counter's")
        func profileOnlyLimitInEveryBucket() {
            var fixture = ReconciliationFixture()
            for day in [today.adding(days: -2), yesterday, today] {
                fixture.use("judy", scope: ReconciliationFixture.geo, on: day, units: 20)
            }
            fixture.store("judy", scope: "geo", period: .day, limit: .limit(10), used: 20, hard: true)
            // Every bucket reported on (a backfill's window), as usage.csv shows the limit in each.
            let served = fixture.findings(includes: { _, _ in true }).filter { $0.user == "judy" && $0.kind == .overLimitServed }
            #expect(served.map(\.bucket.start) == [today.adding(days: -2), yesterday, today])
            #expect(served.allSatisfy { $0.delta == -10 && $0.origin == "profiles.csv:2" }, "\(served)")
        }

        @Test("a profile-only limit on windows the store dates irregularly is reported once per use, in the store's windows")
        func profileOnlyIrregularWindows() {
            var fixture = ReconciliationFixture()
            let october = ReconciliationFixture.day(2026, 10, 10)
            fixture.use("alice", scope: ReconciliationFixture.geo, on: october, units: 50)
            fixture.use("alice", scope: ReconciliationFixture.geo, on: ReconciliationFixture.day(2026, 11, 10), units: 150)
            fixture.use("alice", scope: ReconciliationFixture.geo, on: today, units: 5)
            let window = Period.days(30, anchor: LocalDay(number: 0))
            fixture.store("alice", scope: "geo", period: window, limit: .limit(100), used: 0, hard: true,
                          periodStart: ReconciliationFixture.day(2026, 10, 1))
            fixture.store("alice", scope: "geo", period: window, limit: .limit(100), used: 155, hard: true,
                          periodStart: ReconciliationFixture.day(2026, 11, 5))
            let served = fixture.findings(includes: { _, _ in true }).filter { $0.kind == .overLimitServed }
            #expect(served.map(\.bucket.start) == [ReconciliationFixture.day(2026, 11, 5)], "\(served)")
        }

        @Test("a past window's row, not judged as a counter, still has its limit judged in its own window")
        func pastWindowLimit() {
            var fixture = ReconciliationFixture()
            fixture.use("alice", scope: ReconciliationFixture.geo, on: ReconciliationFixture.day(2026, 10, 3), units: 80)
            fixture.use("alice", scope: ReconciliationFixture.geo, on: ReconciliationFixture.day(2026, 10, 20), units: 80)
            fixture.use("alice", scope: ReconciliationFixture.geo, on: ReconciliationFixture.day(2026, 11, 10), units: 20)
            let window = Period.days(30, anchor: LocalDay(number: 0))
            fixture.store("alice", scope: "geo", period: window, limit: .limit(100), used: 160, hard: true,
                          periodStart: ReconciliationFixture.day(2026, 10, 1))
            fixture.store("alice", scope: "geo", period: window, limit: .limit(100), used: 20, hard: true,
                          periodStart: ReconciliationFixture.day(2026, 11, 5))
            let served = fixture.findings(includes: { _, _ in true }).filter { $0.kind == .overLimitServed }
            #expect(served.map(\.bucket.start) == [ReconciliationFixture.day(2026, 10, 1)] && served.first?.recomputed == 160, "\(served)")
        }

        @Test("use exactly at the limit is not over it")
        func atTheLimit() {
            var fixture = ReconciliationFixture()
            fixture.use("mia", on: today, units: 5000)
            #expect(fixture.findings().isEmpty)
        }

        @Test("a soft limit is never over_limit_served; its excess is overage")
        func softLimit() throws {
            var fixture = ReconciliationFixture()
            fixture.use("ned", scope: ReconciliationFixture.iso, on: today, units: 2500)
            #expect(fixture.findings().isEmpty)
            let limit = LimitResolver(profiles: [], configuration: fixture.configuration)
                .limit(user: "ned", scope: "iso", period: .month)
            let overage = try #require(limit.overage(used: 2500))
            #expect(overage.units == 500 && overage.blocks == 1 && overage.cost == 1500)
        }

        @Test("a profile marking a hard quota soft is respected, and the reverse")
        func profileHardness() {
            var fixture = ReconciliationFixture()
            fixture.use("ola", on: today, units: 6000)
            fixture.use("pia", scope: ReconciliationFixture.iso, on: today, units: 2100)
            fixture.store("ola", used: 6000, hard: false)
            fixture.store("pia", used: 2100)
            fixture.store("pia", scope: "iso", period: .month, used: 2100, hard: true)
            #expect(fixture.kinds(of: "ola") == [])
            #expect(fixture.kinds(of: "pia") == ["over_limit_served:limit"])
        }

        @Test("unlimited is never over the limit, whether stored or the default", arguments: [true, false])
        func unlimited(stored: Bool) {
            var fixture = ReconciliationFixture(quotas: [QuotaRule(scope: "all", period: .day, defaultLimit: stored ? 5000 : -1)])
            fixture.use("quinn", on: today, units: 90_000)
            if stored { fixture.store("quinn", limit: .unlimited, used: 90_000) }
            #expect(fixture.findings().isEmpty)
        }

        @Test("a limit of 0 allows nothing: any use is over it, and nothing is under it")
        func zeroLimit() throws {
            var fixture = ReconciliationFixture()
            fixture.use("rae", on: today, units: 3, rejected: 4)
            fixture.store("rae", limit: .limit(0), used: 3)
            let findings = fixture.findings()
            #expect(findings.map(\.kind) == [.overLimitServed])
            #expect(findings.first?.detail.contains("although the limit is 0 (no use allowed, from the stored profile (profiles.csv:2))") == true)
        }

        @Test("a stored limit replaces the default, both ways")
        func storedLimitWins() {
            var fixture = ReconciliationFixture()
            fixture.use("sam", on: today, units: 7000)
            fixture.use("tia", on: today, units: 300)
            fixture.store("sam", limit: .limit(10_000), used: 7000)
            fixture.store("tia", limit: .limit(200), used: 300)
            #expect(fixture.kinds(of: "sam") == [])
            #expect(fixture.kinds(of: "tia") == ["over_limit_served:limit"])
        }

        @Test("a finding on an earlier day names, as its origin, the profile row its stored limit came from")
        func originOfTheLimit() throws {
            var fixture = ReconciliationFixture()
            fixture.use("tia", on: yesterday, units: 300)
            fixture.use("tia", on: today, units: 100)
            fixture.store("tia", limit: .limit(200), used: 100)
            let findings = fixture.findings(includes: { _, _ in true })
            let earlier = try #require(findings.first { $0.kind == .overLimitServed && $0.bucket.start == yesterday })
            #expect(earlier.origin == "profiles.csv:2", "\(earlier)")
            #expect(earlier.detail.contains("(profiles.csv:2)"), "\(earlier.detail)")
        }

        @Test("a calendar-day counter dated by its store (period_start) leaves its other days judged: earlier unenforced days and 429s under the limit")
        func datedDayCounter() throws {
            var fixture = ReconciliationFixture()
            fixture.use("vic", on: yesterday.adding(days: -1), units: 5300)
            fixture.use("vic", on: yesterday, units: 300, rejected: 12)
            fixture.use("vic", on: today, units: 100)
            fixture.store("vic", used: 100, periodStart: today)
            let findings = fixture.findings(includes: { _, _ in true })
            #expect(findings.map { "\($0.kind.rawValue) \($0.bucket.start)" }.sorted()
                == ["blocked_under_limit \(yesterday)", "over_limit_served \(yesterday.adding(days: -1))"], "\(findings)")
        }

        @Test("no limit known: no limit finding however large the use")
        func noLimit() {
            var fixture = ReconciliationFixture(quotas: [QuotaRule(scope: "all", period: .day)])
            fixture.use("uma", on: today, units: 1_000_000, rejected: 5)
            #expect(fixture.findings().isEmpty)
        }

        @Test("429s under the limit: blocked_under_limit with the use and the limit")
        func blockedUnderLimit() throws {
            var fixture = ReconciliationFixture()
            fixture.use("vic", on: today, units: 3100, rejected: 12)
            let finding = try #require(fixture.findings().first)
            #expect(finding.kind == .blockedUnderLimit && finding.stored == 5000 && finding.recomputed == 3100)
            #expect(finding.detail.hasPrefix("refused 12 times today while only 3,100 requests of 5,000 were used"))
        }

        @Test("the lockout signature: refused with nothing served after reaching the limit yesterday")
        func lockout() throws {
            var fixture = ReconciliationFixture()
            fixture.use("wes", on: yesterday, units: 5000)
            fixture.use("wes", on: today, units: 0, rejected: 12)
            fixture.store("wes", used: 5000)
            let findings = fixture.findings()
            #expect(findings.map(\.kind) == [.staleReset, .blockedUnderLimit])
            #expect(findings.last?.detail.hasPrefix("refused 12 times today with 0 served: the limit was checked against "
                + "yesterday's count (5,000 of 5,000)") == true)
        }

        @Test("429s under an unlimited limit are blocked under the limit")
        func blockedWhileUnlimited() {
            var fixture = ReconciliationFixture()
            fixture.use("xan", on: today, units: 10, rejected: 2)
            fixture.store("xan", limit: .unlimited, used: 10)
            #expect(fixture.kinds(of: "xan") == ["blocked_under_limit:limit"])
            #expect(fixture.findings().first?.stored == -1)
        }

        @Test("429s explained by another limit that was reached are that limit working")
        func refusalsExplainedElsewhere() {
            var fixture = ReconciliationFixture(quotas: [
                QuotaRule(scope: "all", period: .day, defaultLimit: 5000),
                QuotaRule(scope: "geo", period: .day, defaultLimit: 100),
            ])
            // geo reached its own limit: its refusals are no fault of the all/day limit.
            fixture.use("yul", on: today, units: 100, rejected: 9)
            // zoe was refused in iso, where no limit was reached: a finding for all/day.
            fixture.use("zoe", on: today, units: 100)
            fixture.use("zoe", scope: ReconciliationFixture.iso, on: today, units: 10, rejected: 3)
            #expect(fixture.kinds(of: "yul") == [])
            #expect(fixture.kinds(of: "zoe") == ["blocked_under_limit:limit"])
        }


        @Test("429s from detect.near_limit of a hard limit are detection's limit_reached, and explain the week's refusals")
        func refusalsNearTheLimit() {
            var fixture = ReconciliationFixture(quotas: [
                QuotaRule(scope: "all", period: .day, defaultLimit: 100),
                QuotaRule(scope: "all", period: .week, defaultLimit: 600),
            ])
            // 89 of 100 is below 0.9 of the day's limit: refused under it, in the day and the week.
            fixture.use("u89", on: today, units: 89, rejected: 10)
            // 90 and 95 of 100 are near it, 100 reached it: the day's limit working, in neither bucket a finding.
            fixture.use("u90", on: today, units: 90, rejected: 10)
            fixture.use("u95", on: today, units: 95, rejected: 10)
            fixture.use("u100", on: today, units: 100, rejected: 10)
            #expect(fixture.findings().map { "\($0.user) \($0.kind.rawValue) \($0.period.name)" } == [
                "u89 blocked_under_limit day", "u89 blocked_under_limit week",
            ])
            // A soft limit refuses nothing: refusals near it are still under it.
            var soft = ReconciliationFixture(quotas: [QuotaRule(scope: "all", period: .day, defaultLimit: 100, hard: false)])
            soft.use("u95", on: today, units: 95, rejected: 10)
            #expect(soft.kinds(of: "u95") == ["blocked_under_limit:limit"])
        }
        @Test("refusals before the use came near the limit stay blocked_under_limit: a lockout at 00:10 before a busy day, a Monday in a week")
        func refusalsBeforeComingNear() throws {
            var fixture = ReconciliationFixture(quotas: [
                QuotaRule(scope: "all", period: .day, defaultLimit: 100),
                QuotaRule(scope: "all", period: .week, defaultLimit: 600),
            ])
            // Refused 5 times at 00:10 with nothing served, then 95 served from 08:00: the
            // hours tell the refusals from the use that came near the limit later.
            let start = fixture.calendar.startOfDay(today)
            fixture.hourly = HourlyUsage(phase: HourlyUsage.phase(for: fixture.calendar, at: start))
            let refused = UsageCounts(requests: 0, units: 0, rejected: 5, firstSeen: start + 600, lastSeen: start + 660)
            let served = UsageCounts(requests: 95, units: 95, rejected: 0, firstSeen: start + 8 * 3600, lastSeen: start + 8 * 3600 + 900)
            for counts in [refused, served] {
                fixture.usage.add(counts, user: "liv", scope: ReconciliationFixture.geo, day: today)
                fixture.hourly!.add(counts, user: "liv", scope: ReconciliationFixture.geo, time: counts.firstSeen)
            }
            let findings = fixture.findings().filter { $0.user == "liv" }
            #expect(findings.map { "\($0.kind.rawValue) \($0.period.name)" } == ["blocked_under_limit day", "blocked_under_limit week"], "\(findings)")
            #expect(findings.first?.detail.hasPrefix("refused 5 times today") == true, "\(findings)")
            // The same day without hourly usage cannot be split: the day's use came near the limit, which explains it.
            fixture.hourly = nil
            #expect(fixture.findings().filter { $0.user == "liv" }.isEmpty)

            // A week: refused on Monday with nothing used yet, near the weekly limit only by Thursday.
            var week = ReconciliationFixture(quotas: [QuotaRule(scope: "all", period: .week, defaultLimit: 100)])
            let monday = ReconciliationFixture.day(2026, 11, 16)
            week.use("max", on: monday, units: 0, rejected: 4)
            for offset in 1...3 { week.use("max", on: monday.adding(days: offset), units: 32, rejected: offset == 3 ? 6 : 0) }
            let weekly = try #require(week.findings().first { $0.user == "max" })
            #expect(weekly.kind == .blockedUnderLimit && weekly.detail.hasPrefix("refused 4 times this week"), "\(weekly)")
        }

        @Test("a lockout at 00:10 stays a finding however far the day's use goes later, and reads as the lockout it was",
              arguments: [Int64(95), 100, 101])
        func lockoutBeforeABusyDay(servedLater: Int64) throws {
            var fixture = ReconciliationFixture(quotas: [QuotaRule(scope: "all", period: .day, defaultLimit: 100)])
            let start = fixture.calendar.startOfDay(today)
            fixture.hourly = HourlyUsage(phase: HourlyUsage.phase(for: fixture.calendar, at: start))
            // Yesterday reached the limit; today's counter was not reset: refused at 00:10, then served from 08:00.
            let yesterdayUse = UsageCounts(requests: 100, units: 100, rejected: 0, firstSeen: start - 3600 * 10, lastSeen: start - 3600 * 9)
            let refused = UsageCounts(requests: 0, units: 0, rejected: 5, firstSeen: start + 600, lastSeen: start + 660)
            let served = UsageCounts(
                requests: servedLater, units: servedLater, rejected: 0, firstSeen: start + 8 * 3600, lastSeen: start + 8 * 3600 + 900)
            for counts in [yesterdayUse, refused, served] {
                let day = fixture.calendar.localDay(containing: counts.firstSeen)
                fixture.usage.add(counts, user: "kim", scope: ReconciliationFixture.geo, day: day)
                fixture.hourly!.add(counts, user: "kim", scope: ReconciliationFixture.geo, time: counts.firstSeen)
            }
            let findings = fixture.findings().filter { $0.user == "kim" && $0.bucket.start == today }
            let expected = servedLater > 100 ? ["over_limit_served", "blocked_under_limit"] : ["blocked_under_limit"]
            #expect(findings.map(\.kind.rawValue) == expected, "\(findings)")
            let blocked = try #require(findings.last)
            #expect(blocked.detail.hasPrefix("refused 5 times today with 0 served: the limit was checked against yesterday's count (100 of 100)"),
                    "\(blocked.detail)")
        }

        @Test("a limit only a profile sets, which detection does not judge, explains refusals only once reached")
        func profileOnlyLimitExplainsOnlyWhenReached() {
            var fixture = ReconciliationFixture(quotas: [QuotaRule(scope: "all", period: .day, defaultLimit: 5000)])
            fixture.store("erin", scope: "geo", period: .week, limit: .limit(100), used: nil)
            let monday = ReconciliationFixture.day(2026, 11, 16)
            for offset in 0...4 { fixture.use("erin", on: monday.adding(days: offset), units: 19, rejected: 2) }
            let weekly = fixture.findings().filter { $0.user == "erin" && $0.period == .week }
            #expect(weekly.map(\.kind) == [.blockedUnderLimit], "\(weekly)")
            #expect(weekly.first?.detail.hasPrefix("refused 10 times") == true, "\(weekly)")
        }

        @Test("past buckets are examined only when `includes` admits them")
        func includes() {
            var fixture = ReconciliationFixture()
            fixture.use("abe", on: today.adding(days: -5), units: 6000)
            #expect(fixture.findings().isEmpty)
            let all = fixture.findings { _, _ in true }
            #expect(all.map(\.kind) == [.overLimitServed])
            #expect(all.first?.detail.contains("on 2026-11-16") == true)
        }
    }
}
