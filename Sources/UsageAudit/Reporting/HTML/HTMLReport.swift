/// `report.html`: one self-contained page per run for the staff who read the audit each
/// morning (DESIGN §1, §6).
///
/// In order: a headline summary (window, inputs, lines, damaged files, findings per kind),
/// total use per day and scope, then anomalies, reconciliation findings and
/// recommendations — each row with its user, the evidence sentence and a chart of the
/// user's recent daily use against the limit — and the inputs read. CSS, SVG and the one
/// small sorting script are inline; the page loads nothing, so it works from a file or an
/// e-mail attachment. Every text from logs, profiles or the configuration is escaped by
/// `HTMLEscaping`, and the page holds no clock time of its own: the same outcome always
/// renders the same bytes.
public struct HTMLReport {
    let outcome: AuditOutcome
    let calendar: ZonedCalendar
    let charts: HTMLUserCharts
    /// How many rows each table shows at most (the most notable ones).
    let rowLimit: Int

    public init(outcome: AuditOutcome, rowLimit: Int = HTMLReport.defaultRowLimit) {
        self.outcome = outcome
        self.rowLimit = rowLimit
        calendar = ZonedCalendar(timeZone: outcome.configuration.timeZone)
        let charted = Self.shownAnomalies(of: outcome, limit: rowLimit).map(\.user)
            + Self.shownFindings(of: outcome, limit: rowLimit).map(\.user)
            + Self.shownRecommendations(outcome.recommendations.filter { $0.action != .keep }, limit: rowLimit).map(\.user)
        charts = HTMLUserCharts(outcome: outcome, users: Set(charted))
    }

    /// The page, as UTF-8 text.
    public func rendered() -> String {
        var page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += HTMLContentPolicy.meta(style: HTMLStyle.css, script: HTMLSortScript.source) + "\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        page += "<meta name=\"generator\" content=\"usage-audit\">\n"
        page += "<title>usage-audit report, as of \(HTMLEscaping.escaped(FindingText.moment(outcome.asOf, calendar: calendar)))</title>\n"
        page += "<style>\(HTMLStyle.css)</style>\n</head>\n<body>\n"
        page += headerSection() + "\n"
        page += summarySection() + "\n"
        page += usageSection() + "\n"
        page += anomalySection() + "\n"
        page += reconciliationSection() + "\n"
        page += recommendationSection() + "\n"
        page += inputSection() + "\n"
        page += "<footer>Written by usage-audit. Times are in \(HTMLEscaping.escaped(outcome.configuration.timeZoneName)); "
        page += "the CSV and JSON reports in the same folder hold every row of this page.</footer>\n"
        page += "<script>\(HTMLSortScript.source)</script>\n</body>\n</html>\n"
        return page
    }

    // MARK: - Pieces shared by the sections

    /// A section with a heading, an anchor and a count, or `empty` in place of `body`.
    func section(id: String, title: String, count: Int?, intro: String = "", body: String, empty: String) -> String {
        var html = #"<section id="\#(id)"><h2>\#(HTMLEscaping.escaped(title))"#
        if let count { html += #"<span class="count">\#(HTMLNumber.grouped(Int64(count)))</span>"# }
        html += "</h2>"
        if !intro.isEmpty { html += #"<p class="note">\#(intro)</p>"# }
        html += body.isEmpty ? #"<p class="empty">\#(HTMLEscaping.escaped(empty))</p>"# : body
        return html + "</section>"
    }

    /// A small filled square of `colour` (an SVG, so the page needs no `style` attribute).
    static func swatch(_ colour: String, size: Int = 10) -> String {
        #"<svg class="swatch" width="\#(size)" height="\#(size)" aria-hidden="true"><rect width="\#(size)" height="\#(size)" rx="2" fill="\#(colour)"/></svg>"#
    }

    /// A kind or action as a badge: its colour and its name, with a count when given.
    static func badge(_ name: String, count: Int? = nil) -> String {
        let zero = count == 0 ? " zero" : ""
        var html = #"<span class="badge\#(zero)">\#(swatch(HTMLPalette.kind(name)))\#(HTMLEscaping.escaped(name))"#
        if let count { html += " <b>\(HTMLNumber.grouped(Int64(count)))</b>" }
        return html + "</span>"
    }

    /// A finding kind cell: its badge, sorting by name.
    static func kindCell(_ name: String) -> HTMLTable.Cell {
        .markup(badge(name), sortKey: name)
    }

    /// A bucket as its period's name over its dates (`day` / `2026-11-20`, or `week` /
    /// `2026-11-16 – 2026-11-22`), the dates in a `<time>` element holding the RFC 3339
    /// start; it sorts by its first day.
    func bucketCell(_ range: DayRange, period: Period) -> HTMLTable.Cell {
        let start = calendar.rfc3339(calendar.startOfDay(range.start))
        let last = range.end.adding(days: -1)
        let dates = range.dayCount <= 1 ? "<span>\(range.start)</span>" : "<span>\(range.start) –</span> <span>\(last)</span>"
        let html = #"<span class="period">\#(HTMLEscaping.escaped(period.name))</span><time datetime="\#(HTMLEscaping.escaped(start))">\#(dates)</time>"#
        return .markup(html, sortKey: String(range.start.number))
    }

    /// A limit cell: the number, `unlimited` for `-1`, empty when none is known.
    static func limitCell(_ limit: Int64?) -> HTMLTable.Cell {
        guard let limit else { return .number(nil) }
        return limit < 0 ? .markup("unlimited", sortKey: String(Int64.max)) : .number(limit)
    }

    /// A number of bytes as people read them: `812 B`, `14.2 kB`, `3.1 MB`, `2.4 GB`.
    static func byteSize(_ bytes: Int64) -> String {
        let units: [(Double, String)] = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        for (size, name) in units where Double(bytes) >= size {
            return HTMLNumber.decimal(Double(bytes) / size, places: 1) + " " + name
        }
        return "\(HTMLNumber.grouped(bytes)) B"
    }
}
