import Testing
@testable import UsageAudit

@Suite("SeriesCounts")
struct SeriesCountsTests {
    /// Cell `i`: one request of 2^i units, `i` refusals, seen at `i`.
    private let cells: [UsageCounts] = (0..<6).map { (index: Int) -> UsageCounts in
        let value = Int64(index)
        return UsageCounts(requests: 1, units: 1 << value, rejected: value, firstSeen: value, lastSeen: value)
    }

    @Test("one cell a day: the cells at the positions given, in their order")
    func oneCellADay() {
        let counts = SeriesCounts(cells, positions: [9, 4, 0, 5, 9], start: 1, count: 3)
        #expect(counts.count == 3)
        let units: [Int64] = [16, 1, 32]
        #expect(counts.map(\.units) == units)
    }

    @Test("several cells a day: each day's cells summed, requests, units, refusals and first and last seen")
    func summedDays() {
        // Days of positions [1, 3], [2], [0, 4, 5] (units 2 + 8, 4, 1 + 16 + 32); the series
        // starts at the second entry of dayStarts.
        let counts = SeriesCounts(cells, positions: [1, 3, 2, 0, 4, 5], dayStarts: [99, 0, 2, 3, 6], start: 1, count: 3)
        let units: [Int64] = [10, 4, 49]
        #expect(counts.map(\.units) == units)
        let requests: [Int64] = [2, 1, 3]
        let rejected: [Int64] = [4, 2, 9]
        #expect(counts.map(\.requests) == requests)
        #expect(counts.map(\.rejected) == rejected)
        #expect(counts[2].firstSeen == 0 && counts[2].lastSeen == 5)
    }
}
