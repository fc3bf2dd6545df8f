/// The chart of total use per day in `report.html`: one stacked bar per day, one colour per
/// scope (all users together), as inline SVG with a grid and labelled axes.
///
/// Days this run read are shaded when they are fewer than the days shown, so a nightly
/// report shows last night against the weeks before it. Every bar segment has an SVG
/// `<title>` with its day, scope and units; the legend names each scope with its colour.
struct HTMLUsageChart {
    /// The days shown, oldest first.
    var range: DayRange
    /// Scope names in configuration order (`other` last), as the aggregate indexes them.
    var scopeNames: [String]
    /// Units per scope (outer, same order as `scopeNames`) per day of `range` (inner).
    var units: [[Int64]]
    /// The days the run read (shaded).
    var runDays: Set<LocalDay>

    static let width = 960.0
    static let height = 260.0
    private static let left = 64.0
    private static let right = 8.0
    private static let top = 12.0
    private static let bottom = 30.0

    /// Sums `usage` per scope and day over `range`.
    init(usage: UsageAggregate, scopeNames: [String], range: DayRange, runDays: Set<LocalDay>) {
        var units = Array(repeating: Array(repeating: Int64(0), count: range.dayCount), count: scopeNames.count)
        usage.forEachCell { key, counts in
            guard range.contains(key.day), Int(key.scope) < scopeNames.count, key.scope >= 0 else { return }
            let offset = Int(key.day.number) - Int(range.start.number)
            units[Int(key.scope)][offset] = UsageCounts.adding(units[Int(key.scope)][offset], counts.units)
        }
        self.init(range: range, scopeNames: scopeNames, units: units, runDays: runDays)
    }

    init(range: DayRange, scopeNames: [String], units: [[Int64]], runDays: Set<LocalDay>) {
        self.range = range
        self.scopeNames = scopeNames
        self.units = units
        self.runDays = runDays
    }

    /// Units of all scopes per day.
    var dailyTotals: [Int64] {
        (0..<range.dayCount).map { day in units.reduce(Int64(0)) { UsageCounts.adding($0, $1[day]) } }
    }

    /// Whether scope `index` has any use in the range.
    func hasUse(scope index: Int) -> Bool {
        units[index].contains { $0 > 0 }
    }

    /// The `<svg>` element.
    func svg() -> String {
        let count = range.dayCount
        let totals = dailyTotals
        let ticks = Self.ticks(upTo: totals.max() ?? 0)
        let ceiling = Double(ticks.last ?? 1)
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let slot = plotWidth / Double(max(count, 1))
        let barWidth = max(1, slot * 0.72)
        func y(_ value: Int64) -> Double { Self.top + plotHeight - plotHeight * Double(value) / ceiling }
        let c = HTMLNumber.coordinate
        var svg = #"<svg class="usage-chart" viewBox="0 0 \#(c(Self.width)) \#(c(Self.height))" role="img" aria-labelledby="usage-chart-title">"#
        svg += #"<title id="usage-chart-title">Units per day and scope, \#(range.start) – \#(range.end.adding(days: -1))</title>"#
        if runDays.count < count {
            for offset in 0..<count where runDays.contains(range.start.adding(days: offset)) {
                svg += ##"<rect class="run-day" x="\##(c(Self.left + Double(offset) * slot))" y="\##(c(Self.top))" width="\##(c(slot))" height="\##(c(plotHeight))" fill="#EEF3F8"/>"##
            }
        }
        for tick in ticks {
            svg += #"<line x1="\#(c(Self.left))" x2="\#(c(Self.width - Self.right))" y1="\#(c(y(tick)))" y2="\#(c(y(tick)))" stroke="\#(HTMLPalette.grid)" stroke-width="1"/>"#
            svg += #"<text x="\#(c(Self.left - 6))" y="\#(c(y(tick) + 4))" text-anchor="end" font-size="11" fill="\#(HTMLPalette.axisText)">\#(HTMLNumber.grouped(tick))</text>"#
        }
        for offset in 0..<count {
            let day = range.start.adding(days: offset)
            let x = Self.left + Double(offset) * slot + (slot - barWidth) / 2
            var base: Int64 = 0
            for (index, name) in scopeNames.enumerated() where units[index][offset] > 0 {
                let value = units[index][offset]
                let upper = UsageCounts.adding(base, value)
                let label = HTMLEscaping.escaped("\(day) · \(name): \(HTMLNumber.grouped(value)) unit\(value == 1 ? "" : "s")")
                svg += ##"<rect x="\##(c(x))" y="\##(c(y(upper)))" width="\##(c(barWidth))" height="\##(c(max(0.5, y(base) - y(upper))))" fill="\##(HTMLPalette.scope(name, at: index))" stroke="#FFFFFF" stroke-width="0.5"><title>\##(label)</title></rect>"##
                base = upper
            }
            if Self.labels(day, offset: offset, count: count) {
                let middle = Self.left + (Double(offset) + 0.5) * slot
                svg += #"<text x="\#(c(middle))" y="\#(c(Self.height - Self.bottom + 16))" text-anchor="middle" font-size="11" fill="\#(HTMLPalette.axisText)">\#(Self.shortDate(day))</text>"#
            }
        }
        svg += #"<line x1="\#(c(Self.left))" x2="\#(c(Self.width - Self.right))" y1="\#(c(y(0)))" y2="\#(c(y(0)))" stroke="\#(HTMLPalette.axisText)" stroke-width="1"/>"#
        return svg + "</svg>"
    }

    /// Whether the day at `offset` gets a date under its bar: every day up to two weeks,
    /// else Mondays.
    private static func labels(_ day: LocalDay, offset: Int, count: Int) -> Bool {
        count <= 14 || day.isoWeekday == 1
    }

    /// `20 Nov`.
    static func shortDate(_ day: LocalDay) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let date = day.date
        return "\(date.day) \(months[min(max(date.month, 1), 12) - 1])"
    }

    /// Grid values from 0 to a round number at or above `maximum`: 1, 2 or 5 times a power
    /// of ten apart, four or five steps.
    static func ticks(upTo maximum: Int64) -> [Int64] {
        guard maximum > 0 else { return [0, 1] }
        var step: Int64 = 1
        while true {
            for factor: Int64 in [1, 2, 5] {
                let (candidate, overflow) = step.multipliedReportingOverflow(by: factor)
                if overflow { return [0, maximum] }
                if maximum / candidate < 5 {
                    let steps = maximum / candidate + (maximum % candidate == 0 ? 0 : 1)
                    return (0...max(1, steps)).map { HumanNumber.multiplied($0, by: candidate) }
                }
            }
            let (next, overflow) = step.multipliedReportingOverflow(by: 10)
            if overflow { return [0, maximum] }
            step = next
        }
    }
}
