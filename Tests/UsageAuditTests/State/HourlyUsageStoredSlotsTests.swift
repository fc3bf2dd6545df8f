import Testing
@testable import UsageAudit

@Suite("HourlyUsage and the state store's slots")
struct HourlyUsageStoredSlotsTests {
    private static let scopeNames = ["geo", "route"]
    private static let scopeIndex = ["geo": 0, "route": 1]
    private static let users = ["ann", "bob", "cy", "dora", "emil"]

    /// Random slots of `users` in `hours` (slot numbers), some of a scope no longer configured.
    private func storedSlots(hours: ClosedRange<Int64>, using random: inout SeededRandom) -> [StoredSlot] {
        var slots: [StoredSlot] = []
        for user in Self.users {
            for scope in ["geo", "route", "gone"] where Bool.random(using: &random) {
                for hour in hours where Int.random(in: 0..<3, using: &random) == 0 {
                    let start = hour * 3600
                    let first = start + Int64.random(in: 0..<1800, using: &random)
                    let units = Int64.random(in: 1...40, using: &random)
                    slots.append(StoredSlot(user: user, scope: scope, start: start, counts: UsageCounts(
                        requests: units, units: units * 2, rejected: Int64.random(in: 0...2, using: &random),
                        firstSeen: first, lastSeen: first + Int64.random(in: 0..<1800, using: &random))))
                }
            }
        }
        return slots
    }

    /// This run's hourly usage: random requests in `hours`, in an empty `usage`.
    private func freshUsage(hours: ClosedRange<Int64>, into usage: HourlyUsage = HourlyUsage(), using random: inout SeededRandom) -> HourlyUsage {
        var usage = usage
        for _ in 0..<300 {
            let time = Int64.random(in: hours.lowerBound * 3600...(hours.upperBound * 3600 + 3599), using: &random)
            let user = Array(Self.users.randomElement(using: &random)!.utf8)
            user.withUnsafeBufferPointer {
                usage.record(user: $0, scope: Int.random(in: 0..<2, using: &random), time: time, units: 3, consumed: true, rejected: false)
            }
        }
        return usage
    }

    @Test("restoring the store's slots into this run's table gives what restoring them into an empty one and merging gave",
          arguments: [(0...40, 30...80), (30...80, 0...40), (0...80, 20...30), (60...70, 0...100)] as [(ClosedRange<Int64>, ClosedRange<Int64>)])
    func restoreInPlace(storedHours: ClosedRange<Int64>, freshHours: ClosedRange<Int64>) {
        expectSameRestore(storedHours: storedHours, freshHours: freshHours, empty: HourlyUsage())
    }

    @Test("the same with slots at half past the hour and an audit moment before the end of this run's requests",
          arguments: [(0...40, 30...80), (30...80, 0...40)] as [(ClosedRange<Int64>, ClosedRange<Int64>)])
    func restoreInPlaceWithPhaseAndThrough(storedHours: ClosedRange<Int64>, freshHours: ClosedRange<Int64>) {
        let through = (freshHours.upperBound - 10) * 3600 + 1234
        expectSameRestore(storedHours: storedHours, freshHours: freshHours, empty: HourlyUsage(phase: 1800, through: through))
    }

    /// Restores random stored slots into random hourly usage of this run both ways, each
    /// table starting as `empty`, and expects the same usage.
    private func expectSameRestore(storedHours: ClosedRange<Int64>, freshHours: ClosedRange<Int64>, empty: HourlyUsage) {
        var random = SeededRandom(seed: UInt64(storedHours.lowerBound * 1000 + freshHours.lowerBound))
        let slots = storedSlots(hours: storedHours, using: &random)
        let fresh = freshUsage(hours: freshHours, into: empty, using: &random)
        // The way it was done before: each slot into an empty table, then this run's merged in.
        var expected = empty
        var expectedLatest: Int64?
        for slot in slots {
            guard let scope = Self.scopeIndex[slot.scope] else { continue }
            expected.restore(slot, scope: scope)
            expectedLatest = max(expectedLatest ?? slot.counts.lastSeen, slot.counts.lastSeen)
        }
        expected.merge(fresh)

        var actual = fresh
        let latest = actual.restore(StoredHistory(slots: slots), scopeIndex: Self.scopeIndex)
        actual.compact()
        #expect(latest == expectedLatest)
        #expect(actual.latest == expected.latest)
        #expect(actual.coverage == expected.coverage)
        let actualSlots = actual.storedSlots(scopeNames: Self.scopeNames)
        #expect(!actualSlots.isEmpty)
        #expect(actualSlots == expected.storedSlots(scopeNames: Self.scopeNames))
        // Nothing before the kept span stays behind in the table.
        #expect(actual.slots.count == expected.slots.count)
    }

    @Test("a store without slots leaves this run's usage as it was")
    func noSlots() {
        var random = SeededRandom(seed: 11)
        let fresh = freshUsage(hours: 0...30, using: &random)
        var actual = fresh
        #expect(actual.restore(StoredHistory(), scopeIndex: Self.scopeIndex) == nil)
        #expect(actual.storedSlots(scopeNames: Self.scopeNames) == fresh.storedSlots(scopeNames: Self.scopeNames))
        #expect(actual.latest == fresh.latest)
    }
}
