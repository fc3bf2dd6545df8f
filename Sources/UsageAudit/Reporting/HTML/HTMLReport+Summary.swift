extension HTMLReport {
    /// The title, the audit moment, the window and links to the sections.
    func headerSection() -> String {
        let days = outcome.window.days
        let first = days.first ?? outcome.window.asOfDay
        let last = days.last ?? outcome.window.asOfDay
        let span = first == last ? "\(first)" : "\(first) – \(last)"
        let asOf = calendar.rfc3339(outcome.asOf)
        var html = "<header><h1>usage-audit report</h1>"
        html += #"<p class="meta">As of <strong><time datetime="\#(HTMLEscaping.escaped(asOf))">\#(HTMLEscaping.escaped(FindingText.moment(outcome.asOf, calendar: calendar)))</time></strong>"#
        html += " · time zone <strong>\(HTMLEscaping.escaped(outcome.configuration.timeZoneName))</strong>"
        html += " · window <strong>\(span)</strong> (\(days.count) day\(days.count == 1 ? "" : "s"))"
        if let layout = outcome.profileLayout {
            html += " · stored counters: <strong>\(HTMLNumber.grouped(Int64(outcome.profiles.count)))</strong> (\(HTMLEscaping.escaped(layout)) layout)"
        }
        html += "</p><nav>"
        for (id, title) in [("summary", "Summary"), ("use", "Use per day"), ("anomalies", "Anomalies"),
                            ("reconciliation", "Reconciliation"), ("recommendations", "Recommendations"), ("inputs", "Inputs")] {
            html += ##"<a href="#\##(id)">\##(title)</a>"##
        }
        return html + "</nav></header>"
    }

    /// The headline numbers, the damaged inputs, and the findings per kind.
    func summarySection() -> String {
        let totals = outcome.result.totals
        let damaged = outcome.result.damagedInputs
        let inputCount = Int64(outcome.result.inputs.count)
        var cards: [(value: Int64, label: String, alert: Bool)] = [
            (inputCount, "input file\(inputCount == 1 ? "" : "s"), \(Self.byteSize(totals.bytes)) read", false),
            (totals.lines, "lines read", false),
            (totals.malformed, "malformed lines", false),
            (Int64(damaged.count), "damaged file\(damaged.count == 1 ? "" : "s")", !damaged.isEmpty),
            (Int64(outcome.result.aggregate.users.count), "users with use", false),
            (totals.requests, "metered requests", false),
            (totals.units, "units", false),
            (totals.rejected, "refused (429)", false),
        ]
        cards += [
            (Int64(outcome.anomalies.count), "anomalies", false),
            (Int64(outcome.findings.count), "reconciliation findings", false),
            (Int64(outcome.recommendations.filter { $0.action != .keep }.count), "recommended changes", false),
        ]
        var html = #"<div class="cards">"#
        for card in cards {
            html += #"<div class="card\#(card.alert ? " alert" : "")"><span class="value">\#(HTMLNumber.grouped(card.value))</span>"#
            html += #"<span class="label">\#(card.label)</span></div>"#
        }
        html += "</div>"
        // The input cards count what this run read; a run with a state store judges the
        // window on the history too, so the two groups need not match.
        html += #"<p class="note">Files, lines, users, requests, units and refusals: what this run read. "#
        html += "Anomalies, findings and recommendations: the window's buckets, with the state store's history when there is one.</p>"
        for input in damaged {
            html += #"<p class="damage"><strong>Damaged input:</strong> <code>\#(HTMLEscaping.escaped(input.path))</code> — "#
            html += "\(HTMLEscaping.escaped(input.error ?? "")). Everything readable was counted.</p>"
        }
        html += #"<div class="kinds">"#
        html += Self.kindRow("Anomalies", AnomalyReport.counts(of: outcome.anomalies))
        html += Self.kindRow("Reconciliation", ReconciliationReport.counts(of: outcome.findings))
        html += Self.kindRow("Recommendations", RecommendationReport.counts(of: outcome.recommendations))
        html += "</div>"
        let unattributed = totals.unattributed > 0
            ? "; \(HTMLNumber.grouped(totals.unattributed)) request\(totals.unattributed == 1 ? "" : "s") had no identity" : ""
        html += #"<p class="note">\#(HTMLNumber.grouped(totals.parsed)) lines parsed, \#(HTMLNumber.grouped(totals.excluded)) not metered (outside the counted paths or statuses)\#(unattributed).</p>"#
        return section(id: "summary", title: "Summary", count: nil, body: html, empty: "")
    }

    /// One line of the findings-per-kind grid: the group's name and a badge per kind.
    static func kindRow(_ group: String, _ counts: [(String, Int)]) -> String {
        var html = #"<span class="group">\#(group)</span><span class="badges">"#
        for (name, count) in counts { html += badge(name, count: count) }
        return html + "</span>"
    }
}
