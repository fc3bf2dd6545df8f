import Testing
@testable import UsageAudit

@Suite("HTMLUsageChart")
struct HTMLUsageChartTests {
    static let start = LocalDay(CivilDate(year: 2026, month: 11, day: 16))

    @Test("one bar segment per scope and day with use, titled with its numbers")
    func segments() {
        let chart = HTMLUsageChart(
            range: DayRange(start: Self.start, end: Self.start.adding(days: 3)), scopeNames: ["geocoding", "<i>x</i>", "other"],
            units: [[10, 0, 5_000], [1, 2, 3], [0, 0, 0]], runDays: [Self.start.adding(days: 2)])
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "<rect x=").count - 1 == 5)
        #expect(svg.contains("<title>2026-11-18 · geocoding: 5,000 units</title>"))
        #expect(svg.contains("<title>2026-11-16 · &lt;i&gt;x&lt;/i&gt;: 1 unit</title>"))
        #expect(!svg.contains("<i>"))
        #expect(svg.components(separatedBy: #"class="run-day""#).count - 1 == 1)
        #expect(chart.dailyTotals == [11, 2, 5_003])
        #expect(chart.hasUse(scope: 1) && !chart.hasUse(scope: 2))
        #expect(svg.contains(">16 Nov</text>") && svg.contains(">6,000</text>"))
    }

    static let tickCases: [(Int64, [Int64])] = [
        (Int64(0), [Int64(0), 1]), (4, [0, 1, 2, 3, 4]), (9, [0, 2, 4, 6, 8, 10]), (5_003, [0, 2_000, 4_000, 6_000]),
        (37_038, [0, 10_000, 20_000, 30_000, 40_000]), (Int64.max, [0, 2_000_000_000_000_000_000, 4_000_000_000_000_000_000, 6_000_000_000_000_000_000, 8_000_000_000_000_000_000, Int64.max]),
    ]

    @Test("grid values are round and reach the maximum", arguments: tickCases)
    func ticks(maximum: Int64, expected: [Int64]) {
        #expect(HTMLUsageChart.ticks(upTo: maximum) == expected)
    }
}
