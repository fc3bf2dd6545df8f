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

        private func fixture(zone: String) -> ReconciliationFixture {
            var fixture = ReconciliationFixture(zone: zone)
            fixture.useHourly("ann", from: fixture.instant(yesterday, 0), units: hours)
            return fixture
        }

        @Test("a store counting days in UTC against a Berlin configuration: the day starts at 01:00")
        func berlinStoreInUTC() throws {
            var fixture = fixture(zone: "Europe/Berlin")
            fixture.store("ann", limit: .unlimited, used: units(25..<48))
            let finding = try #require(fixture.findings().first)
            #expect(fixture.findings().count == 1)
            #expect(finding.kind == .drift && finding.recomputed == units(24..<48))
            #expect(finding.detail.contains("but matches when the day starts at 2026-11-21 01:00 +01:00: the store counts "
                + "days in UTC, not Europe/Berlin — a time-zone bug (boundary +1 h), not lost increments"))
        }

        @Test("a store in New York time against UTC: the day starts at 05:00")
        func newYorkStore() throws {
            var fixture = fixture(zone: "UTC")
            fixture.store("ann", limit: .unlimited, used: units(29..<48))
            let detail = try #require(fixture.findings().first?.detail)
            #expect(detail.contains("starts at 2026-11-21 05:00 +00:00: the store counts days in UTC-05:00, not UTC"))
        }

        @Test("a store in Tokyo time against UTC: its day began at 15:00 the day before")
        func tokyoStore() throws {
            var fixture = fixture(zone: "UTC")
            fixture.store("ann", limit: .unlimited, used: units(15..<48))
            let finding = try #require(fixture.findings().first)
            #expect(finding.delta == units(15..<24))
            #expect(finding.detail.contains("starts at 2026-11-20 15:00 +00:00: the store counts days in UTC+09:00, not UTC"))
        }

        @Test("a snapshot before the shifted boundary: the store is still in its previous day")
        func snapshotBeforeShiftedBoundary() throws {
            var fixture = fixture(zone: "UTC")
            let snapshot = fixture.instant(today, 3, 30)
            fixture.store("ann", limit: .unlimited, used: units(5..<27), snapshotAt: snapshot)
            let detail = try #require(fixture.findings().first?.detail)
            #expect(detail.contains("up to the snapshot at 2026-11-21 03:30 +00:00"))
            #expect(detail.contains("starts at 2026-11-20 05:00 +00:00: the store counts days in UTC-05:00"))
        }

        @Test("without hourly data the same counter is plain drift")
        func withoutHourlyData() throws {
            var fixture = fixture(zone: "Europe/Berlin")
            fixture.hourly = nil
            fixture.store("ann", limit: .unlimited, used: units(25..<48))
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
    }
}
