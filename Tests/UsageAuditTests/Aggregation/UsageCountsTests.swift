import Foundation
import Testing
@testable import UsageAudit

@Suite("UsageCounts")
struct UsageCountsTests {
    @Test("recording counts requests, units, rejections and the time span")
    func recording() {
        var counts = UsageCounts()
        counts.record(time: 100, units: 3, consumed: true, rejected: false)
        counts.record(time: 50, units: 5, consumed: true, rejected: false)
        counts.record(time: 70, units: 9, consumed: false, rejected: true)
        counts.record(time: 200, units: 2, consumed: true, rejected: true)
        #expect(counts == UsageCounts(requests: 3, units: 10, rejected: 2, firstSeen: 50, lastSeen: 200))
    }

    @Test("empty counts are the identity of merge")
    func emptyIsIdentity() {
        let counts = UsageCounts(requests: 4, units: 7, rejected: 1, firstSeen: -5, lastSeen: 9)
        #expect(counts.merging(UsageCounts()) == counts)
        #expect(UsageCounts().merging(counts) == counts)
        #expect(UsageCounts().merging(UsageCounts()) == UsageCounts())
    }

    @Test("merge sums counters and widens the time span")
    func merge() {
        var left = UsageCounts(requests: 2, units: 20, rejected: 1, firstSeen: 100, lastSeen: 300)
        let right = UsageCounts(requests: 5, units: 7, rejected: 0, firstSeen: 50, lastSeen: 200)
        left.merge(right)
        #expect(left == UsageCounts(requests: 7, units: 27, rejected: 1, firstSeen: 50, lastSeen: 300))
    }

    @Test("merge is commutative and associative")
    func mergeLaws() {
        let a = UsageCounts(requests: 1, units: 2, rejected: 3, firstSeen: 10, lastSeen: 20)
        let b = UsageCounts(requests: 4, units: 5, rejected: 0, firstSeen: 5, lastSeen: 15)
        let c = UsageCounts(requests: 0, units: 0, rejected: 7, firstSeen: 30, lastSeen: 40)
        #expect(a.merging(b) == b.merging(a))
        #expect(a.merging(b).merging(c) == a.merging(b.merging(c)))
    }

    @Test("recording counts the same as merging single requests")
    func recordEqualsMerge() {
        var recorded = UsageCounts()
        var merged = UsageCounts()
        for (time, units) in [(5, 1), (3, 4), (9, 0)] as [(Int64, Int64)] {
            recorded.record(time: time, units: units, consumed: true, rejected: false)
            var single = UsageCounts()
            single.record(time: time, units: units, consumed: true, rejected: false)
            merged.merge(single)
        }
        #expect(recorded == merged)
    }

    @Test("huge unit counts saturate instead of trapping")
    func saturation() {
        var counts = UsageCounts()
        counts.record(time: 1, units: .max, consumed: true, rejected: false)
        counts.record(time: 2, units: .max, consumed: true, rejected: false)
        #expect(counts.units == .max)
        #expect(counts.requests == 2)
        var merged = counts
        merged.merge(counts)
        #expect(merged.units == .max)
        #expect(merged.requests == 4)
    }

    @Test("counts survive a JSON round trip (partials are stored)")
    func codable() throws {
        let counts = UsageCounts(requests: 3, units: 30, rejected: 1, firstSeen: 1_763_683_200, lastSeen: 1_763_769_599)
        let data = try JSONEncoder().encode(counts)
        #expect(try JSONDecoder().decode(UsageCounts.self, from: data) == counts)
    }
}
