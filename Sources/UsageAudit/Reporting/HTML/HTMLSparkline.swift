/// A small inline SVG chart of one user's daily units in one scope: the evidence next to a
/// finding in `report.html`.
///
/// One point per day of `range` (days without use are 0) joined by a line over a light
/// area; the daily limit as a dashed line when the user has one (a proposed limit dotted);
/// the finding's bucket as a yellow band, with a dot on the line when it is one day; days
/// with refused requests (429) as marks along the bottom. The vertical scale runs from 0 to
/// the larger of the peak and the limits, so a line far below its limit looks it. Each mark
/// has an SVG `<title>` (a tooltip in browsers, read by screen readers). No script is needed.
struct HTMLSparkline {
    /// The days shown, oldest first: at most `HTMLUserCharts.maximumDays`.
    var range: DayRange
    /// Units per day of `range`.
    var units: [Int64]
    /// Requests refused (429) per day of `range`.
    var rejected: [Int64]
    /// The daily limit, when the user has one.
    var limit: Int64?
    /// A daily limit recommended in place of `limit`.
    var proposedLimit: Int64?
    /// The bucket the finding is about; the part inside `range` is highlighted.
    var highlight: DayRange?
    /// What the chart shows, in words (`alice · all`): plain text, escaped here.
    var subject: String

    static let width = 170.0
    static let height = 40.0
    private static let padding = 3.0

    /// The `<svg>` element and a one-line note under it (peak, limit).
    func rendered() -> String {
        let count = units.count
        guard count > 0 else { return "" }
        let peakIndex = units.indices.max { units[$0] < units[$1] || (units[$0] == units[$1] && $0 > $1) } ?? 0
        let peak = units[peakIndex]
        let top = Double(max(1, peak, limit ?? 0, proposedLimit ?? 0))
        let step = count > 1 ? (Self.width - 2 * Self.padding) / Double(count - 1) : 0
        func x(_ index: Int) -> Double { count > 1 ? Self.padding + Double(index) * step : Self.width / 2 }
        func y(_ value: Int64) -> Double {
            let plot = Self.height - 2 * Self.padding
            return Self.height - Self.padding - plot * Double(max(0, value)) / top
        }
        let c = HTMLNumber.coordinate
        let first = range.start
        let title = HTMLEscaping.escaped(
            "\(subject): daily units \(first) – \(range.end.adding(days: -1)); peak \(HTMLNumber.grouped(peak))"
                + (peak > 0 ? " on \(first.adding(days: peakIndex))" : "")
                + (limit.map { "; daily limit \(HTMLNumber.grouped($0))" } ?? "")
                + (proposedLimit.map { "; proposed \(HTMLNumber.grouped($0))" } ?? ""))
        var svg = #"<svg class="spark" viewBox="0 0 \#(c(Self.width)) \#(c(Self.height))" width="\#(c(Self.width))" height="\#(c(Self.height))" role="img" aria-label="\#(title)"><title>\#(title)</title>"#
        var marked: Int?
        if let highlight {
            let low = max(0, Int(highlight.start.number) - Int(first.number))
            let high = min(count, Int(highlight.end.number) - Int(first.number))
            if low < high {
                let left = max(0, x(low) - max(step, 3) / 2)
                let right = min(Self.width, x(high - 1) + max(step, 3) / 2)
                svg += #"<rect class="band" x="\#(c(left))" y="0" width="\#(c(right - left))" height="\#(c(Self.height))" fill="\#(HTMLPalette.highlight)" fill-opacity="0.6"/>"#
                if high - low == 1 { marked = low }
            }
        }
        var line = ""
        for index in 0..<count {
            line += (index == 0 ? "M" : " L") + "\(c(x(index))),\(c(y(units[index])))"
        }
        let floor = c(y(0))
        svg += #"<path class="use-area" d="\#(line) L\#(c(x(count - 1))),\#(floor) L\#(c(x(0))),\#(floor) Z" fill="\#(HTMLPalette.useFill)"/>"#
        svg += #"<path class="use-line" d="\#(line)" fill="none" stroke="\#(HTMLPalette.use)" stroke-width="1.5" stroke-linejoin="round"/>"#
        if let limit {
            svg += #"<line class="limit" x1="0" x2="\#(c(Self.width))" y1="\#(c(y(limit)))" y2="\#(c(y(limit)))" stroke="\#(HTMLPalette.limit)" stroke-width="1.2" stroke-dasharray="4 2"><title>daily limit \#(HTMLNumber.grouped(limit))</title></line>"#
        }
        if let proposedLimit {
            svg += #"<line class="proposed" x1="0" x2="\#(c(Self.width))" y1="\#(c(y(proposedLimit)))" y2="\#(c(y(proposedLimit)))" stroke="\#(HTMLPalette.series[2])" stroke-width="1.2" stroke-dasharray="1.5 1.5"><title>proposed daily limit \#(HTMLNumber.grouped(proposedLimit))</title></line>"#
        }
        for index in 0..<min(count, rejected.count) where rejected[index] > 0 {
            svg += #"<circle class="refused" cx="\#(c(x(index)))" cy="\#(c(Self.height - 1.6))" r="1.6" fill="\#(HTMLPalette.limit)"><title>\#(first.adding(days: index)): \#(HTMLNumber.grouped(rejected[index])) refused (429)</title></circle>"#
        }
        if let marked {
            svg += ##"<circle class="mark" cx="\##(c(x(marked)))" cy="\##(c(y(units[marked])))" r="2.4" fill="\##(HTMLPalette.use)" stroke="#FFFFFF" stroke-width="0.8"><title>\##(first.adding(days: marked)): \##(HTMLNumber.grouped(units[marked])) units</title></circle>"##
        }
        svg += "</svg>"
        var note = "peak \(HTMLNumber.grouped(peak))"
        if let limit { note += " · limit \(HTMLNumber.grouped(limit))/day" }
        return svg + #"<span class="spark-note">\#(note)</span>"#
    }
}
