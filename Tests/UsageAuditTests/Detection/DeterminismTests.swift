import Foundation
import Testing
@testable import UsageAudit

/// A day is judged only from the days before it: a nightly run and a backfill, with or
/// without later days in the history, and with the usage given as one aggregate or as the
/// merge of history and run, give the same findings for it.
@Suite("Detection determinism")
struct DeterminismTests {
    typealias Fixture = DetectionFixture

    /// The first day of the synthetic history and the number of days.
    static let start = Fixture.monday.adding(days: -42)
    static let dayCount = 56

    /// 120 users of every kind over 56 days, with spikes and new users along the way.
    static func fixture() -> Fixture {
        var fixture = Fixture()
        var random = SeededRandom(seed: 2026)
        for index in 0..<120 {
            let user = "user\(index)"
            let joined = index % 10 == 0 ? Int.random(in: 20..<50, using: &random) : 0
            let level = joined > 0 ? 3000 : [5.0, 40, 200, 900, 4700][index % 5]
            let sparse = index % 7 == 0
            for offset in joined..<dayCount {
                let day = start.adding(days: offset)
                if sparse && !random.chance(0.3) { continue }
                if index % 3 == 0 && day.isoWeekday >= 6 { continue }
                var units = level * exp(0.25 * Fixture.normal(&random))
                if level == 4700 { units = min(units, 4950) }
                if random.chance(0.02) { units *= Double.random(in: 5...40, using: &random) }
                let scope = index % 4 == 0 && random.chance(0.3) ? Fixture.iso : Fixture.geo
                fixture.use(user, scope: scope, on: day, units: Int64(units.rounded()), rejected: random.chance(0.01) ? 3 : 0)
            }
        }
        return fixture
    }

    /// The aggregate of `fixture`'s cells whose day passes `include`.
    static func usage(_ fixture: Fixture, days include: (LocalDay) -> Bool) -> UsageAggregate {
        var usage = UsageAggregate()
        for (cell, counts) in fixture.usage.cellsByName where include(cell.day) {
            usage.add(counts, user: cell.user, scope: cell.scope, day: cell.day)
        }
        return usage
    }

    /// The daily findings (all but those of longer limit periods) about `day`.
    static func findings(_ anomalies: [Anomaly], on day: LocalDay) -> [Anomaly] {
        anomalies.filter { $0.bucket == DayRange(start: day, end: day.adding(days: 1)) }
    }

    @Test("Nightly, nightly with later days stored, backfill and merged history give the same findings")
    func sameFindings() {
        let fixture = Self.fixture()
        let backfillDays = (30..<Self.dayCount).map { Self.start.adding(days: $0) }
        let backfill = fixture.anomalies(judging: backfillDays)
        var total = 0
        for day in backfillDays {
            let expected = Self.findings(backfill, on: day)
            total += expected.count
            // Nightly: the history up to the day, one judged day.
            let upTo = Self.usage(fixture) { $0 <= day }
            #expect(Self.findings(fixture.anomalies(usage: upTo, judging: [day]), on: day) == expected)
            // The store already holds later days.
            #expect(Self.findings(fixture.anomalies(usage: fixture.usage, judging: [day]), on: day) == expected)
            // History and the run's day as two aggregates, merged.
            var merged = Self.usage(fixture) { $0 < day }
            merged.merge(Self.usage(fixture) { $0 == day })
            #expect(Self.findings(fixture.anomalies(usage: merged, judging: [day]), on: day) == expected)
        }
        // The scenario has findings of several kinds to compare.
        let kinds = Set(backfill.map(\.kind))
        #expect(total > 30)
        #expect(kinds.isSuperset(of: [.spike, .nearLimit, .limitReached, .newHeavyUser]))
    }

    @Test("Judged days far apart are read independently (a stray old day in the window)")
    func distantDays() {
        let fixture = Self.fixture()
        let last = Self.start.adding(days: Self.dayCount - 1)
        let stray = Self.start.adding(days: 5)
        let both = fixture.anomalies(judging: [stray, last])
        #expect(Self.findings(both, on: last) == Self.findings(fixture.anomalies(judging: [last]), on: last))
        #expect(Self.findings(both, on: stray) == Self.findings(fixture.anomalies(judging: [stray]), on: stray))
    }
}
