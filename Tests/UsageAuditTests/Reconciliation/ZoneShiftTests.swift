import Foundation
import Testing
@testable import UsageAudit

extension ReconciliationTests {
    @Suite("Reconciler: hourly data — time-zone shifts and snapshots within the day")
    struct ZoneShiftTests {
        private let today = ReconciliationFixture.day(2026, 11, 21)
        private var yesterday: LocalDay { today.adding(days: -1) }
        /// Units in the 48 local hours from yesterday 00:00: all different, all above zero.
        private let hours: [Int64] = (0..<48).map { 10 + Int64($0 * 7 % 13) }

        /// Sum of `hours[range]`.
        private func units(_ range: Range<Int>) -> Int64 { hours[range].reduce(0, +) }

        /// Bob's 48 hours: another pattern, so that his counter tells the shift on its own.
        private let bobHours: [Int64] = (0..<48).map { 12 + Int64($0 * 5 % 11) }

        private func fixture(zone: String) -> ReconciliationFixture {
            var fixture = ReconciliationFixture(zone: zone)
            fixture.useHourly("ann", from: fixture.instant(yesterday, 0), units: hours)
            return fixture
        }

        /// Ann and Bob, both counted by a store whose day spans the local hours `range` of
        /// the 48 (the same wrong zone for both).
        private func shiftedStore(zone: String, hours range: Range<Int>, snapshotAt: Int64? = nil) -> ReconciliationFixture {
            var fixture = fixture(zone: zone)
            fixture.useHourly("bob", from: fixture.instant(yesterday, 0), units: bobHours)
            fixture.store("ann", limit: .unlimited, used: units(range), snapshotAt: snapshotAt)
            fixture.store("bob", limit: .unlimited, used: bobHours[range].reduce(0, +), snapshotAt: snapshotAt)
            return fixture
        }

        @Test("a store counting days in UTC against a Berlin configuration: the day starts at 01:00")
        func berlinStoreInUTC() throws {
            let fixture = shiftedStore(zone: "Europe/Berlin", hours: 25..<48)
            let finding = try #require(fixture.findings().first)
            #expect(fixture.findings().count == 2)
            #expect(finding.kind == .drift && finding.recomputed == units(24..<48))
            #expect(finding.detail.contains("but matches when the day starts at 2026-11-21 01:00 +01:00: the store counts "
                + "days in UTC, not Europe/Berlin — a time-zone bug (boundary +1 h; 2 of 2 drifting day counters match it), "
                + "not lost increments"), "\(finding.detail)")
        }

        @Test("a store in New York time against UTC: the day starts at 05:00")
        func newYorkStore() throws {
            let detail = try #require(shiftedStore(zone: "UTC", hours: 29..<48).findings().first?.detail)
            #expect(detail.contains("starts at 2026-11-21 05:00 +00:00: the store counts days in UTC-05:00, not UTC"), "\(detail)")
        }

        @Test("a store in Tokyo time against UTC: its day began at 15:00 the day before")
        func tokyoStore() throws {
            let finding = try #require(shiftedStore(zone: "UTC", hours: 15..<48).findings().first)
            #expect(finding.delta == units(15..<24))
            #expect(finding.detail.contains("starts at 2026-11-20 15:00 +00:00: the store counts days in UTC+09:00, not UTC"), "\(finding.detail)")
        }

        @Test("store zones run from UTC-12 to UTC+14: a Kiribati store's day began at 10:00 the day before")
        func kiribatiStore() throws {
            let detail = try #require(shiftedStore(zone: "UTC", hours: 10..<48).findings().first?.detail)
            #expect(detail.contains("starts at 2026-11-20 10:00 +00:00: the store counts days in UTC+14:00"), "\(detail)")
        }

        @Test("a snapshot before the shifted boundary: the store is still in its previous day")
        func snapshotBeforeShiftedBoundary() throws {
            var fixture = fixture(zone: "UTC")
            let snapshot = fixture.instant(today, 3, 30)
            fixture = shiftedStore(zone: "UTC", hours: 5..<27, snapshotAt: snapshot)
            let detail = try #require(fixture.findings().first?.detail)
            #expect(detail.contains("up to the snapshot at 2026-11-21 03:30 +00:00"))
            #expect(detail.contains("starts at 2026-11-20 05:00 +00:00: the store counts days in UTC-05:00"), "\(detail)")
        }

        @Test("one counter alone that fits a shifted boundary keeps its own cause; the shift is only a possibility")
        func oneCounterAlone() throws {
            var fixture = fixture(zone: "UTC")
            fixture.store("ann", limit: .unlimited, used: units(29..<48))
            let detail = try #require(fixture.findings().first?.detail)
            #expect(detail.contains("increments lost") && !detail.contains("time-zone bug"), "\(detail)")
            #expect(detail.contains("a day starting at 2026-11-21 05:00 +00:00 (the store counting in UTC-05:00, boundary +5 h) "
                + "would fit too, but no other counter shows that shift"), "\(detail)")
        }

        @Test("steady use with a few increments lost here and there: no zone is named as the cause")
        func scatteredLossesOnSteadyUse() {
            var fixture = ReconciliationFixture(zone: "UTC")
            var random = SeededRandom(seed: 7)
            for user in 0..<40 {
                let name = "u\(user)"
                fixture.useHourly(name, from: fixture.instant(yesterday, 0), units: Array(repeating: 1, count: 48))
                let lost = Int64(random.next() % 10) + 1
                fixture.store(name, limit: .unlimited, used: 24 + (user % 2 == 0 ? -lost : lost))
            }
            let findings = fixture.findings()
            #expect(findings.count == 40)
            #expect(findings.filter { $0.detail.contains("time-zone bug") }.isEmpty, "\(findings.map(\.detail))")
        }

        @Test("without hourly data the same counters are plain drift")
        func withoutHourlyData() throws {
            var fixture = shiftedStore(zone: "Europe/Berlin", hours: 25..<48)
            fixture.hourly = nil
            let detail = try #require(fixture.findings().first?.detail)
            #expect(detail.contains("increments lost"))
            #expect(!detail.contains("time-zone"))
        }

        @Test("hourly data cuts the snapshot day exactly at the snapshot")
        func exactSplit() throws {
            var fixture = fixture(zone: "UTC")
            // Each hour's requests fall between :01 and :51.
            let snapshot = fixture.instant(today, 12, 55)
            fixture.store("ann", limit: .unlimited, used: units(24..<37), snapshotAt: snapshot)
            #expect(fixture.findings().isEmpty)
            fixture.profiles[0].used = units(24..<37) - 3
            let finding = try #require(fixture.findings().first)
            #expect(finding.recomputed == units(24..<37) && finding.delta == -3)
            #expect(finding.detail.contains("logs show \(FindingText.count(units(24..<37))) since"))
            #expect(finding.detail.contains("3 increments lost"))
        }

        @Test("a snapshot inside an hour with use leaves that hour's use on either side")
        func snapshotInsideAnHour() throws {
            var fixture = fixture(zone: "UTC")
            let snapshot = fixture.instant(today, 12, 30)
            for stored in [units(24..<36), units(24..<37)] {
                fixture.profiles = []
                fixture.store("ann", limit: .unlimited, used: stored, snapshotAt: snapshot)
                #expect(fixture.findings().isEmpty)
            }
            fixture.profiles[0].used = units(24..<37) + 1
            let finding = try #require(fixture.findings().first)
            #expect(finding.detail.contains("logs show between \(FindingText.count(units(24..<36))) and \(FindingText.count(units(24..<37)))"))
        }

        @Test("a shift two counters share but most drifting counters do not is a possibility that says so")
        func sharedByTooFew() {
            var fixture = ReconciliationFixture(zone: "UTC")
            for user in ["u1", "u2", "u3", "u4", "u5"] {
                fixture.useHourly(user, from: fixture.instant(yesterday, 0), units: Array(repeating: 1, count: 48))
            }
            // u1 and u2 fit a day starting at 03:00; u3 to u5 are over-counted past any shift.
            for (user, used) in [("u1", 21), ("u2", 21), ("u3", 90), ("u4", 91), ("u5", 92)] {
                fixture.store(user, limit: .unlimited, used: Int64(used))
            }
            let details = fixture.findings().filter { ["u1", "u2"].contains($0.user) }.map(\.detail)
            #expect(details.count == 2)
            #expect(details.allSatisfy { $0.contains("as it does for 2 of 5 drifting day counters: too few to name the zone") }, "\(details)")
        }
    }
}
