import Testing
@testable import UsageAudit

@Suite("Daily baseline")
struct DailyBaselineTests {
    /// The baseline of a 28-day `history` (oldest first) for a day of `weekday`.
    static func baseline(_ history: [Int64], firstIndex: Int = 0, weekday: Int = 1) -> DailyBaseline? {
        precondition(history.count == DailyBaseline.windowDays)
        return history.withUnsafeBufferPointer {
            DailyBaseline.make(history: $0, firstIndex: firstIndex, isoWeekday: weekday)
        }
    }

    @Test("The level is the median of the history days and the spread 1.4826 × their MAD")
    func medianAndSpread() throws {
        // 28 days: 14 of 100, 7 of 110, 7 of 90 → median 100, MAD 5 (half the days 0, half 10).
        let history: [Int64] = (0..<28).map { $0 % 4 == 1 ? 110 : ($0 % 4 == 3 ? 90 : 100) }
        let baseline = try #require(Self.baseline(history, weekday: 3))
        #expect(baseline.level == 100)
        #expect(baseline.median == 100)
        #expect(abs(baseline.spread - 1.4826 * 5) < 1e-9)
        #expect(baseline.historyDays == 28)
        #expect(baseline.source == .allDays(days: 28))
    }

    @Test("Days before the series began are not zeros of its history; fewer than 7 days give none")
    func firstDay() throws {
        var history = Array(repeating: Int64(0), count: 28)
        for index in 18..<28 { history[index] = 40 }
        let baseline = try #require(Self.baseline(history, firstIndex: 18))
        #expect(baseline.level == 40)
        #expect(baseline.historyDays == 10)
        #expect(Self.baseline(history, firstIndex: 22) == nil)
        // Counted from day 0 instead, the zeros would make the level 0 and the user sparse.
        #expect(try #require(Self.baseline(history, firstIndex: 0)).source == .activeDays(active: 10, days: 28))
    }

    @Test("A sparse user's level is the median of the active days")
    func sparseUser() throws {
        var history = Array(repeating: Int64(0), count: 28)
        for index in stride(from: 1, to: 28, by: 4) { history[index] = 30 + Int64(index) }
        let baseline = try #require(Self.baseline(history))
        #expect(baseline.median == 0)
        #expect(baseline.source == .activeDays(active: 7, days: 28))
        #expect(baseline.level == 43)
    }

    @Test("A heavier weekday is judged against its own median, a lighter one against all days")
    func weeklyRhythm() throws {
        // Days 0, 7, 14, 21 are the judged day's weekday: a batch job of 3,000, else 100.
        let batch: [Int64] = (0..<28).map { $0 % 7 == 0 ? 3000 : 100 }
        let heavy = try #require(Self.baseline(batch, weekday: 1))
        #expect(heavy.level == 3000)
        #expect(heavy.source == .weekday(count: 4, isoWeekday: 1))
        // Weekend zeros: the judged Saturday's own median (0) is below the level of all days.
        let office: [Int64] = (0..<28).map { $0 % 7 == 0 || $0 % 7 == 1 ? 0 : 1000 }
        let saturday = try #require(Self.baseline(office, weekday: 6))
        #expect(saturday.level == 1000)
        #expect(saturday.source == .activeDays(active: 20, days: 28))
        #expect(saturday.median == 1000)
    }

    @Test("The weekly rhythm needs three days of the weekday")
    func weeklyRhythmNeedsThreeWeeks() throws {
        var history: [Int64] = (0..<28).map { $0 % 7 == 0 ? 3000 : 100 }
        // The series began on day 8: only days 14 and 21 share the weekday.
        for index in 0..<8 { history[index] = 0 }
        let baseline = try #require(Self.baseline(history, firstIndex: 8))
        #expect(baseline.source == .allDays(days: 20))
        #expect(baseline.level == 100)
    }
}

extension DailyBaselineTests {
    @Test("Days without use are absence: the level and the spread come from the active days")
    func zeroDays() throws {
        // Active on alternate days at 100 ± 10: the median of all days would be anywhere
        // between 0 and 100.
        let history: [Int64] = (0..<28).map { $0 % 2 == 0 ? 0 : ($0 % 4 == 1 ? 110 : 90) }
        let baseline = try #require(Self.baseline(history, weekday: 2))
        #expect(baseline.level == 100)
        #expect(baseline.source == .activeDays(active: 14, days: 28))
        #expect(abs(baseline.spread - 1.4826 * 10) < 1e-9)
        #expect(baseline.median == 45)
    }
}

extension DailyBaselineTests {
    @Test("The median absolute deviation merges both sides of the center", arguments: [
        [1.0], [1, 2], [1, 2, 3, 10], [0, 0, 5, 9, 9, 9, 40], [3, 3, 3, 3], [-4, 1, 2, 100, 101],
    ])
    func medianDeviation(values: [Double]) {
        let sorted = values.sorted()
        let center = sorted.withUnsafeBufferPointer { DailyBaseline.median(ofSorted: $0) }
        let deviations = sorted.map { abs($0 - center) }.sorted()
        let expected = deviations.withUnsafeBufferPointer { DailyBaseline.median(ofSorted: $0) }
        #expect(sorted.withUnsafeBufferPointer { DailyBaseline.medianDeviation(ofSorted: $0, from: center) } == expected)
        // And around another center, as for a weekday level.
        let other = center + 2.5
        let otherExpected = sorted.map { abs($0 - other) }.sorted().withUnsafeBufferPointer { DailyBaseline.median(ofSorted: $0) }
        #expect(sorted.withUnsafeBufferPointer { DailyBaseline.medianDeviation(ofSorted: $0, from: other) } == otherExpected)
    }
}
