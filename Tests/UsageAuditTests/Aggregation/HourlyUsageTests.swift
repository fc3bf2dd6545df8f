import Foundation
import Testing
@testable import UsageAudit

@Suite("HourlyUsage")
struct HourlyUsageTests {
    /// 2026-11-21T00:00Z.
    private let midnight: Int64 = 1_795_219_200

    private func record(_ usage: inout HourlyUsage, _ user: String, scope: Int = 0, at time: Int64, units: Int64 = 1, rejected: Bool = false) {
        var name = user
        name.withUTF8 { usage.record(user: $0, scope: scope, time: time, units: units, consumed: !rejected, rejected: rejected) }
    }

    @Test("counts per hour, summed over scopes and hours; partial ranges and unaligned bounds refused")
    func countsPerHour() throws {
        var usage = HourlyUsage()
        record(&usage, "ann", at: midnight + 10, units: 3)
        record(&usage, "ann", scope: 1, at: midnight + 3599, units: 4)
        record(&usage, "ann", at: midnight + 3600, units: 5)
        record(&usage, "ann", at: midnight + 7200, rejected: true)
        let first = try #require(usage.counts(user: "ann", scopes: [0, 1], from: midnight, to: midnight + 3600))
        #expect(first.units == 7 && first.requests == 2)
        #expect(usage.counts(user: "ann", scopes: [0], from: midnight, to: midnight + 3600)?.units == 3)
        #expect(usage.counts(user: "ann", scopes: [0, 1], from: midnight, to: midnight + 10_800)?.units == 12)
        #expect(usage.counts(user: "ann", scopes: [0], from: midnight, to: midnight + 10_800)?.rejected == 1)
        #expect(usage.counts(user: "nobody", scopes: [0], from: midnight, to: midnight + 3600) == UsageCounts())
        #expect(usage.counts(user: "ann", scopes: [0], from: midnight + 60, to: midnight + 3600) == nil)
        #expect(usage.slotCounts(user: "ann", scopes: [0], containing: midnight + 3700)?.units == 5)
    }

    @Test("only the kept span before the latest request is kept and covered")
    func keptSpan() throws {
        var usage = HourlyUsage(keptSeconds: 6 * 3600)
        record(&usage, "ann", at: midnight, units: 1)
        record(&usage, "ann", at: midnight + 10 * 3600 + 30, units: 2)
        // Older than the kept span now: dropped.
        record(&usage, "ann", at: midnight + 3 * 3600, units: 4)
        let coverage = try #require(usage.coverage)
        #expect(coverage.lowerBound == midnight + 5 * 3600)
        #expect(usage.counts(user: "ann", scopes: [0], from: midnight, to: midnight + 3600) == nil)
        #expect(usage.counts(user: "ann", scopes: [0], from: midnight + 5 * 3600, to: midnight + 11 * 3600)?.units == 2)
        #expect(usage.slots.count == 1)
    }

    @Test("the kept span reaches back from `through`, and requests after it are kept: later runs read their slots")
    func through() throws {
        var usage = HourlyUsage(through: midnight + 7200)
        record(&usage, "ann", at: midnight + 100)
        record(&usage, "ann", at: midnight + 7201)
        // Three days after the audit moment: the hours before it stay kept and complete.
        record(&usage, "ann", at: midnight + 3 * 86_400, units: 5)
        #expect(usage.latest == midnight + 3 * 86_400)
        let coverage = try #require(usage.coverage)
        #expect(coverage.lowerBound == midnight + 7200 - 2 * 86_400)
        #expect(usage.counts(user: "ann", scopes: [0], from: midnight, to: midnight + 7200)?.units == 1)
        #expect(usage.counts(user: "ann", scopes: [0], from: midnight, to: midnight + 10_800)?.units == 2)
        #expect(usage.slotCounts(user: "ann", scopes: [0], containing: midnight + 3 * 86_400)?.units == 5)
        // Every slot goes to the state store, the ones after the audit moment too.
        #expect(usage.storedSlots(scopeNames: ["geo"]).map(\.counts.units) == [1, 1, 5])
    }

    @Test("merging the parts of any split equals counting the whole, within the coverage")
    func mergeIsExact() throws {
        var generator = SeededRandom(seed: 7)
        var times: [(String, Int64, Int64)] = []
        for _ in 0..<2000 {
            let user = ["ann", "ben", "cy"][Int(generator.next() % 3)]
            times.append((user, midnight + Int64(generator.next() % (4 * 86_400)), Int64(generator.next() % 5 + 1)))
        }
        var whole = HourlyUsage()
        var left = HourlyUsage()
        var right = HourlyUsage()
        for (index, (user, time, units)) in times.enumerated() {
            record(&whole, user, at: time, units: units)
            if index % 3 == 0 { record(&left, user, at: time, units: units) } else { record(&right, user, at: time, units: units) }
        }
        var merged = right
        merged.merge(left)
        #expect(merged.latest == whole.latest)
        let coverage = try #require(whole.coverage)
        #expect(merged.coverage == coverage)
        var hour = coverage.lowerBound
        while hour + 3600 <= whole.latest + 3600 {
            for user in ["ann", "ben", "cy"] {
                #expect(merged.counts(user: user, scopes: [0], from: hour, to: hour + 3600)
                    == whole.counts(user: user, scopes: [0], from: hour, to: hour + 3600))
            }
            hour += 3600
        }
    }

    @Test("the phase aligns slots with local midnight in half-hour zones", arguments: [
        ("UTC", Int64(0)), ("Europe/Berlin", 0), ("Asia/Kolkata", 1800), ("Asia/Kathmandu", 900), ("America/St_Johns", 1800),
    ])
    func phase(zone: String, expected: Int64) throws {
        let calendar = ZonedCalendar(timeZone: try #require(TimeZone(identifier: zone)))
        #expect(HourlyUsage.phase(for: calendar, at: midnight) == expected)
        let usage = HourlyUsage(phase: expected)
        let localMidnight = calendar.startOfDay(LocalDay(CivilDate(year: 2026, month: 11, day: 21)))
        #expect(usage.isSlotBoundary(localMidnight))
    }

    @Test("extreme times neither trap nor corrupt the table")
    func extremeTimes() {
        var usage = HourlyUsage()
        record(&usage, "ann", at: .max)
        record(&usage, "ann", at: .min)
        record(&usage, "ann", at: 0)
        #expect(usage.latest == HourlyUsage.timeBound)
        #expect(usage.counts(user: "ann", scopes: [0], from: .min, to: .max) == nil)
    }

    @Test("an hour added again, or an hour older than the newest, adds to the entries it has")
    func hoursAddedAgain() throws {
        var usage = HourlyUsage()
        record(&usage, "ann", at: midnight + 5 * 3600)
        let ann = try #require(usage.users.lookup("ann"))
        var bob: Int32 = 0
        var name = "bob"
        name.withUTF8 { bob = usage.intern(user: $0) }
        let slot = usage.slotNumber(containing: midnight + 7 * 3600)
        let one = UsageCounts(requests: 1, units: 2, rejected: 0, firstSeen: midnight + 7 * 3600, lastSeen: midnight + 7 * 3600)
        // A new hour, then the same hour again (not new any more), then an older one.
        usage.add(hour: slot, pairs: [(ann, 0), (bob, 0)], counts: [one, one])
        usage.add(hour: slot, pairs: [(bob, 0), (ann, 1)], counts: [one, one])
        usage.add(hour: slot - 2, pairs: [(ann, 0)], counts: [one])
        usage.noteLatest(midnight + 7 * 3600)
        #expect(usage.slots.count == 4)
        #expect(usage.slotCounts(user: "bob", scopes: [0], containing: midnight + 7 * 3600)?.units == 4)
        #expect(usage.slotCounts(user: "ann", scopes: [0, 1], containing: midnight + 7 * 3600)?.units == 4)
        #expect(usage.slotCounts(user: "ann", scopes: [0], containing: midnight + 5 * 3600)?.units == 3)
        // A request recorded into an hour after the table's newest, then that hour added.
        record(&usage, "ann", at: midnight + 9 * 3600, units: 4)
        usage.add(hour: slot + 2, pairs: [(ann, 0)], counts: [one])
        #expect(usage.slots.count == 5)
        #expect(usage.slotCounts(user: "ann", scopes: [0], containing: midnight + 9 * 3600)?.units == 6)
        // And an hour that came in by merging.
        var other = HourlyUsage()
        record(&other, "ann", at: midnight + 10 * 3600, units: 5)
        usage.merge(other)
        usage.add(hour: slot + 3, pairs: [(ann, 0)], counts: [one])
        #expect(usage.slots.count == 6)
        #expect(usage.slotCounts(user: "ann", scopes: [0], containing: midnight + 10 * 3600)?.units == 7)
    }

    @Test("units per slot are each slot's counts, 0 outside the coverage and for an unknown user")
    func unitsPerSlot() {
        var usage = HourlyUsage()
        for hour in 0..<60 {
            record(&usage, "ann", scope: hour % 2, at: midnight + Int64(hour) * 3600 + 59, units: Int64(hour + 1))
        }
        let first = midnight + 5 * 3600
        let units = usage.unitsPerSlot(user: "ann", scopes: [0, 1], from: first, count: 60)
        #expect(units.count == 60)
        for (index, value) in units.enumerated() {
            let start = first + Int64(index) * 3600
            #expect(value == (usage.counts(user: "ann", scopes: [0, 1], from: start, to: start + 3600)?.units ?? 0))
        }
        // Hours 5…11 are before the two kept days; 12…59 are in them.
        #expect(units[0] == 0 && units[7] == 13 && units[54] == 60)
        #expect(usage.unitsPerSlot(user: "ann", scopes: [1], from: first, count: 60)[8] == 14)
        #expect(usage.unitsPerSlot(user: "nobody", scopes: [0, 1], from: first, count: 3) == [0, 0, 0])
        #expect(usage.unitsPerSlot(user: "ann", scopes: [0], from: first, count: 0).isEmpty)
    }
}
