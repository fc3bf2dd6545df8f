import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    @Suite("LimitResolver and Overage")
    struct LimitResolverTests {
        private let configuration = AuditConfiguration(
            scopes: [ScopeRule(name: "geo", paths: ["/geo"])],
            quotas: [
                QuotaRule(scope: "all", period: .day, defaultLimit: 5000),
                QuotaRule(scope: "geo", period: .month, defaultLimit: 2000, hard: false, blockPrice: 1500),
                QuotaRule(scope: "geo", period: .days(30, anchor: LocalDay(number: 20_000)), defaultLimit: -1),
                QuotaRule(scope: "all", period: .week),
            ])

        private func resolve(_ limit: StoredLimit?, scope: String = "all", period: Period = .day, hard: Bool? = nil, price: Double? = nil) -> EffectiveLimit {
            let profiles = limit.map {
                [StoredProfile(user: "ann", scope: scope, period: period, limit: $0, hard: hard, blockPrice: price, origin: "p:1")]
            } ?? []
            return LimitResolver(profiles: profiles, configuration: configuration).limit(user: "ann", scope: scope, period: period)
        }

        @Test("profile value, else the quota default, else none")
        func resolutionOrder() {
            #expect(resolve(.limit(12_000)) == EffectiveLimit(value: .units(12_000), source: .profile(origin: "p:1")))
            #expect(resolve(.useDefault) == EffectiveLimit(value: .units(5000), source: .quotaDefault))
            #expect(resolve(nil) == EffectiveLimit(value: .units(5000), source: .quotaDefault))
            #expect(resolve(nil, period: .week).value == .none)
            #expect(resolve(nil, scope: "other").value == .none)
            #expect(resolve(.limit(7), scope: "other").value == .units(7))
        }

        @Test("without profiles, every scope and period gets what a user without a profile gets beside other users' profiles")
        func withoutProfilesAsBesideOthers() {
            // A profile of another scope and another user: the resolver takes its general
            // path, which for "bob" must give what the profile-less resolver gives.
            let beside = LimitResolver(
                profiles: [StoredProfile(user: "zed", scope: "maps", period: .year, limit: .limit(1), origin: "p:9")],
                configuration: configuration)
            let alone = LimitResolver(profiles: [], configuration: configuration)
            let periods: [Period] = [
                .day, .week, .month, .year, .days(30, anchor: LocalDay(number: 0)), .days(7, anchor: LocalDay(number: 3)),
                .billingCycle(day: 14),
            ]
            for scope in ["all", "geo", "other", "maps"] {
                for period in periods {
                    #expect(alone.limit(user: "bob", scope: scope, period: period) == beside.limit(user: "bob", scope: scope, period: period),
                            "\(scope) \(period)")
                }
            }
            #expect(alone.limit(user: "bob", scope: "geo", period: .month)
                == EffectiveLimit(value: .units(2000), hard: false, blockPrice: 1500, source: .quotaDefault))
            #expect(alone.limit(user: "bob", scope: "all", period: .week) == EffectiveLimit(value: .none, source: .none))
        }

        @Test("unlimited and zero keep their meaning; -1 in the configuration is unlimited")
        func unlimitedAndZero() {
            #expect(resolve(.unlimited).value == .unlimited)
            #expect(resolve(.limit(0)).value == .units(0))
            #expect(resolve(nil, scope: "geo", period: .days(30, anchor: LocalDay(number: 0))).value == .unlimited)
            #expect(resolve(.unlimited).reportedLimit == -1)
            #expect(resolve(.limit(0)).reportedLimit == 0)
            #expect(resolve(nil, period: .week).reportedLimit == nil)
            #expect(resolve(.unlimited).isUnder(.max))
            #expect(!resolve(.limit(0)).isUnder(0))
            #expect(!resolve(nil, period: .week).isUnder(0))
        }

        @Test("hardness and block price: profile, else quota, else hard without price")
        func hardnessAndPrice() {
            let soft = resolve(nil, scope: "geo", period: .month)
            #expect(!soft.hard && soft.blockPrice == 1500)
            let madeHard = resolve(.useDefault, scope: "geo", period: .month, hard: true, price: 99)
            #expect(madeHard.hard && madeHard.blockPrice == 99 && madeHard.value == .units(2000))
            let unconfigured = resolve(.limit(5), scope: "other")
            #expect(unconfigured.hard && unconfigured.blockPrice == nil)
        }

        @Test("a profile's billing cycle frames the user's months: the quota's calendar months have no limit for that user")
        func monthlyFraming() {
            let cycle = Period.billingCycle(day: 14)
            let custom = LimitResolver(
                profiles: [StoredProfile(user: "ann", scope: "geo", period: cycle, limit: .limit(150), origin: "p:1")],
                configuration: configuration)
            #expect(custom.reframesMonths)
            #expect(custom.monthlyFraming(user: "ann", scope: "geo", period: .month) == cycle)
            #expect(custom.limit(user: "ann", scope: "geo", period: .month).value == .none)
            #expect(custom.limit(user: "ann", scope: "geo", period: cycle) == EffectiveLimit(
                value: .units(150), hard: false, blockPrice: 1500, source: .profile(origin: "p:1")))
            // A user's periods: the quota's month becomes the cycle, once; two 30d windows
            // of different anchors stay two.
            let windows = [Period.days(30, anchor: LocalDay(number: 0)), .days(30, anchor: LocalDay(number: 7))]
            #expect(custom.periods(user: "ann", scope: "geo", quotaPeriods: [cycle, .month] + windows) == [cycle] + windows)
            #expect(custom.periods(user: "ann", scope: "geo", quotaPeriods: [.month, cycle]) == [cycle])
            #expect(custom.periods(user: "bob", scope: "geo", quotaPeriods: [.month]) == [.month])
            // Other users, other scopes and other periods keep the quota.
            #expect(custom.monthlyFraming(user: "bob", scope: "geo", period: .month) == nil)
            #expect(custom.limit(user: "bob", scope: "geo", period: .month).value == .units(2000))
            #expect(custom.limit(user: "ann", scope: "all", period: .day).value == .units(5000))
            // A cycle without a value takes the scope's monthly quota's default.
            let byDefault = LimitResolver(
                profiles: [StoredProfile(user: "ann", scope: "geo", period: cycle, limit: .useDefault, origin: "p:1")],
                configuration: configuration)
            #expect(byDefault.limit(user: "ann", scope: "geo", period: cycle).value == .units(2000))
            #expect(byDefault.defaultQuota(scope: "geo", period: cycle)?.period == .month)
            #expect(byDefault.defaultQuota(scope: "all", period: cycle) == nil)
            #expect(byDefault.defaultQuota(scope: "geo", period: .days(7, anchor: LocalDay(number: 0))) == nil)
            // A profile framed as the quota is reframes nothing.
            let same = LimitResolver(
                profiles: [StoredProfile(user: "ann", scope: "geo", period: .month, limit: .limit(150), origin: "p:1")],
                configuration: configuration)
            #expect(!same.reframesMonths)
            #expect(same.monthlyFraming(user: "ann", scope: "geo", period: .month) == nil)
            #expect(same.limit(user: "ann", scope: "geo", period: .month).value == .units(150))
            // A profile of the quota's own period keeps it, whichever monthly row comes first.
            for order in [[cycle, Period.month], [Period.month, cycle]] {
                let both = LimitResolver(
                    profiles: order.map { StoredProfile(user: "ann", scope: "geo", period: $0, limit: .limit($0 == .month ? 800 : 500), origin: "p") },
                    configuration: configuration)
                #expect(both.monthlyFraming(user: "ann", scope: "geo", period: .month) == nil, "\(order)")
                #expect(both.limit(user: "ann", scope: "geo", period: .month).value == .units(800), "\(order)")
            }
        }

        @Test("a dated 30d profile frames the user's windows from its period_start; one a whole window apart frames nothing")
        func windowFraming() {
            let quotaWindow = Period.days(30, anchor: LocalDay(number: 20_000))
            let start = LocalDay(number: 20_012)
            let dated = LimitResolver(
                profiles: [StoredProfile(user: "ann", scope: "geo", period: .days(30, anchor: start), limit: .limit(3), periodStart: start, origin: "p:1")],
                configuration: configuration)
            #expect(dated.reframesWindows && dated.reframes && !dated.reframesMonths)
            #expect(dated.framing(user: "ann", scope: "geo", period: quotaWindow) == .days(30, anchor: start))
            #expect(dated.periods(user: "ann", scope: "geo", quotaPeriods: [.month, quotaWindow]) == [.month, .days(30, anchor: start)])
            #expect(dated.limit(user: "ann", scope: "geo", period: .days(30, anchor: start)).value == .units(3))
            // Other users and periods keep the quota's windows.
            #expect(dated.framing(user: "bob", scope: "geo", period: quotaWindow) == nil)
            #expect(dated.framing(user: "ann", scope: "geo", period: .month) == nil)
            #expect(dated.periods(user: "bob", scope: "geo", quotaPeriods: [quotaWindow]) == [quotaWindow])
            // A period_start on the quota's own grid, or no period_start at all, frames nothing.
            for profileStart in [LocalDay(number: 20_060), nil] {
                let aligned = LimitResolver(
                    profiles: [StoredProfile(user: "ann", scope: "geo", period: .days(30, anchor: LocalDay(number: 0)), limit: .limit(3),
                                             periodStart: profileStart, origin: "p:1")],
                    configuration: configuration)
                #expect(!aligned.reframes, "\(String(describing: profileStart))")
                #expect(aligned.framing(user: "ann", scope: "geo", period: quotaWindow) == nil)
            }
        }

        @Test("overage only past a soft limit; started blocks of 1000 are charged", arguments: [
            (Int64(2000), nil as Int64?, nil as Double?),
            (2001, 1, 1500),
            (3000, 1, 1500),
            (3001, 2, 3000),
            (12_500, 11, 16_500),
        ])
        func overage(used: Int64, blocks: Int64?, cost: Double?) {
            let overage = resolve(nil, scope: "geo", period: .month).overage(used: used)
            #expect(overage?.blocks == blocks)
            #expect(overage?.cost == cost)
            #expect(overage?.units == (blocks == nil ? nil : used - 2000))
        }

        @Test("no overage for hard limits, unlimited use or unknown limits; no cost without a price")
        func noOverage() {
            #expect(resolve(nil).overage(used: 9000) == nil)
            #expect(resolve(.unlimited, hard: false).overage(used: 9000) == nil)
            #expect(resolve(nil, period: .week, hard: false).overage(used: 9000) == nil)
            let unpriced = resolve(.limit(10), scope: "other", hard: false).overage(used: 11)
            #expect(unpriced?.units == 1 && unpriced?.cost == nil)
        }

        @Test("the usage report's limit cell: units, -1 unlimited, empty without a limit")
        func reportedLimitForRows() {
            let resolver = LimitResolver(profiles: [
                StoredProfile(user: "ann", scope: "all", period: .day, limit: .unlimited),
                StoredProfile(user: "bo", scope: "all", period: .day, limit: .limit(9)),
            ], configuration: configuration)
            func row(_ user: String, _ period: Period = .day) -> UsageRow {
                UsageRow(user: user, scope: "all", period: period, bucket: DayRange(start: LocalDay(number: 0), end: LocalDay(number: 1)), counts: UsageCounts())
            }
            #expect(resolver.reportedLimit(for: row("ann")) == -1)
            #expect(resolver.reportedLimit(for: row("bo")) == 9)
            #expect(resolver.reportedLimit(for: row("cy")) == 5000)
            #expect(resolver.reportedLimit(for: row("cy", .week)) == nil)
        }

        @Test("the first of duplicate profiles wins; N-day periods match by name")
        func duplicatesAndNames() {
            let resolver = LimitResolver(profiles: [
                StoredProfile(user: "ann", scope: "geo", period: .days(30, anchor: LocalDay(number: 5)), limit: .limit(1)),
                StoredProfile(user: "ann", scope: "geo", period: .days(30, anchor: LocalDay(number: 9)), limit: .limit(2)),
            ], configuration: configuration)
            #expect(resolver.limit(user: "ann", scope: "geo", period: .days(30, anchor: LocalDay(number: 20_000))).value == .units(1))
        }
    }
}
