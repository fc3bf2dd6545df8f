import Testing
@testable import UsageAudit

@Suite("HTMLSparkline")
struct HTMLSparklineTests {
    static let start = LocalDay(CivilDate(year: 2026, month: 10, day: 1))

    static func chart(units: [Int64], limit: Int64? = nil, highlight: DayRange? = nil) -> String {
        HTMLSparkline(
            range: DayRange(start: start, end: start.adding(days: units.count)), units: units,
            rejected: Array(repeating: 0, count: units.count), limit: limit, highlight: highlight, subject: "u · all"
        ).rendered()
    }

    /// The `d` attribute of the use line, as (x, y) points.
    static func points(_ svg: String) -> [(Double, Double)] {
        guard let start = svg.range(of: #"class="use-line" d=""#) else { return [] }
        let data = svg[start.upperBound...].prefix { $0 != "\"" }
        return data.split(separator: " ").map { command in
            let pair = command.dropFirst().split(separator: ",").compactMap { Double($0) }
            return (pair[0], pair[1])
        }
    }

    @Test("one point per day, left to right, higher use drawn higher", arguments: [1, 2, 9, 56])
    func onePointPerDay(days: Int) {
        let units = (0..<days).map { Int64($0 * 3) }
        let points = Self.points(Self.chart(units: units))
        #expect(points.count == days)
        #expect(zip(points, points.dropFirst()).allSatisfy { $0.0 < $1.0 || days == 1 })
        #expect(zip(points, points.dropFirst()).allSatisfy { $0.1 > $1.1 })
        #expect(points.allSatisfy { (0...HTMLSparkline.width).contains($0.0) && (0...HTMLSparkline.height).contains($0.1) })
    }

    @Test("the limit is a dashed line at its height, and scales the chart")
    func limitLine() {
        let svg = Self.chart(units: [0, 50, 100], limit: 200)
        #expect(svg.contains(#"class="limit""#) && svg.contains(#"stroke-dasharray="4 2""#))
        // Peak 100 against a limit of 200: the peak sits half way up (y 20 of 40, padding 3).
        #expect(Self.points(svg).last?.1 == 20)
        #expect(svg.contains(#"y1="3""#))
        #expect(!Self.chart(units: [1, 2]).contains(#"class="limit""#))
        #expect(svg.contains("peak 100 · limit 200/day"))
    }

    @Test("the finding's bucket is a band, clipped to the chart; a one-day bucket also gets a dot")
    func highlight() {
        let day = DayRange(start: Self.start.adding(days: 2), end: Self.start.adding(days: 3))
        let one = Self.chart(units: [1, 2, 3, 4], highlight: day)
        #expect(one.contains(#"class="band""#) && one.contains(#"class="mark""#))
        let week = DayRange(start: Self.start.adding(days: 2), end: Self.start.adding(days: 9))
        let clipped = Self.chart(units: [1, 2, 3, 4], highlight: week)
        #expect(clipped.contains(#"class="band""#) && !clipped.contains(#"class="mark""#))
        let before = DayRange(start: Self.start.adding(days: -9), end: Self.start)
        #expect(!Self.chart(units: [1, 2], highlight: before).contains(#"class="band""#))
    }
}
