extension HTMLReport {
    /// Total units per day and scope over the charts' range: the stacked chart, its legend,
    /// and the same numbers as a table.
    func usageSection() -> String {
        let scopeNames = outcome.configuration.scopeNames
        let range = charts.range
        let chart = HTMLUsageChart(
            usage: outcome.usage, scopeNames: scopeNames, range: range, runDays: Set(outcome.window.days))
        let used = scopeNames.indices.filter { chart.hasUse(scope: $0) }
        guard !used.isEmpty else {
            return section(id: "use", title: "Use per day", count: nil, body: "",
                           empty: "No metered use in the \(range.dayCount) day\(range.dayCount == 1 ? "" : "s") up to \(range.end.adding(days: -1)).")
        }
        var html = chart.svg()
        html += #"<div class="legend">"#
        for index in used {
            let total = chart.units[index].reduce(Int64(0), UsageCounts.adding)
            html += "<span>\(Self.swatch(HTMLPalette.scope(scopeNames[index], at: index)))"
            html += "\(HTMLEscaping.escaped(scopeNames[index])) <b>\(HTMLNumber.grouped(total))</b></span>"
        }
        html += "</div>"
        var table = HTMLTable(
            id: "use-table", caption: "Units per day and scope",
            columns: [HTMLTable.Column(title: "Day", numeric: true, style: "when")] + used.map { .number(scopeNames[$0]) } + [.number("Total")])
        let totals = chart.dailyTotals
        for offset in (0..<range.dayCount).reversed() {
            let day = range.start.adding(days: offset)
            let cells: [HTMLTable.Cell] = [.markup("\(day)", sortKey: String(day.number))]
                + used.map { .number(chart.units[$0][offset]) } + [.number(totals[offset])]
            table.append(cells)
        }
        html += "<details><summary>The same as a table, latest day first</summary>" + table.rendered() + "</details>"
        let shaded = Set(outcome.window.days).count < range.dayCount ? " Shaded days are the days this run read." : ""
        let intro = "Units of all users per day, stacked by scope, for the \(range.dayCount) day\(range.dayCount == 1 ? "" : "s") "
            + "up to \(range.end.adding(days: -1)) (at most 8 weeks of the stored history). Hover over a bar for its numbers.\(shaded)"
        return section(id: "use", title: "Use per day", count: nil, intro: intro, body: html, empty: "")
    }
}
