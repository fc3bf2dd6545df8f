extension HTMLReport {
    /// The evidence column of the finding tables: the sentence, and beside it (below it on
    /// narrow pages) the user's chart.
    private var evidenceColumn: HTMLTable.Column {
        .text("Evidence and daily units, last \(charts.range.dayCount) day\(charts.range.dayCount == 1 ? "" : "s")", style: "evidence")
    }

    /// What the charts show, under each section's heading.
    private var chartNote: String {
        "Each chart shows the user's daily units in the row's scope; dashed: the daily limit; "
            + "yellow: the bucket the row is about; dots at the bottom: days with refused requests."
    }

    /// An evidence cell: `sentence` (HTML, already escaped) and `chart`; sorts by `text`.
    private static func evidenceCell(_ sentence: String, text: String, chart: String) -> HTMLTable.Cell {
        .markup(#"<div class="evidence-box"><div class="sentence">\#(sentence)</div><div class="spark-box">\#(chart)</div></div>"#, sortKey: text)
    }

    /// `anomalies.csv` as a table (its column meanings), with the evidence and a chart.
    func anomalySection() -> String {
        var table = HTMLTable(id: "anomalies-table", caption: "Anomalies: use out of character", columns: [
            HTMLTable.Column(title: "User", style: "user"), .text("Scope"), .text("Kind"),
            HTMLTable.Column(title: "Bucket", numeric: true, style: "when"), .number("Observed"), .number("Baseline"), .number("Limit"),
            .number("Score"), evidenceColumn,
        ])
        let shown = shownAnomalies()
        for anomaly in shown {
            table.append([
                .text(anomaly.user), .text(anomaly.scope), Self.kindCell(anomaly.kind.rawValue),
                bucketCell(anomaly.bucket, period: anomaly.period), .number(anomaly.observed), .decimal(anomaly.baseline, places: 1),
                Self.limitCell(anomaly.limit), .decimal(anomaly.score, places: 1),
                Self.evidenceCell(HTMLEscaping.escaped(anomaly.detail), text: anomaly.detail,
                                  chart: charts.sparkline(user: anomaly.user, scope: anomaly.scope, highlight: anomaly.bucket)),
            ])
        }
        return section(
            id: "anomalies", title: "Anomalies", count: outcome.anomalies.count,
            intro: outcome.anomalies.isEmpty ? "" : "Users whose use was out of character or near their limit. " + chartNote,
            body: outcome.anomalies.isEmpty ? "" : rowLimitNote(
                shown: shown.count, of: outcome.anomalies.count, file: "anomalies.csv",
                order: "spikes, bursts and new heavy users first, then the highest scores") + table.rendered(),
            empty: "No anomalies in this window.")
    }

    /// `reconciliation.csv` as a table, with the evidence, where the profile came from, and a
    /// chart.
    func reconciliationSection() -> String {
        var table = HTMLTable(id: "reconciliation-table", caption: "Stored counters that disagree with the logs", columns: [
            HTMLTable.Column(title: "User", style: "user"), .text("Scope"), .text("Kind"),
            HTMLTable.Column(title: "Bucket", numeric: true, style: "when"), .text("Field"), .number("Stored"), .number("Recomputed"),
            .number("Delta"), evidenceColumn,
        ])
        let shown = shownFindings()
        for finding in shown {
            var evidence = HTMLEscaping.escaped(finding.detail)
            if !finding.origin.isEmpty {
                evidence += #"<br><span class="note">profile: \#(HTMLEscaping.escaped(finding.origin))</span>"#
            }
            table.append([
                .text(finding.user), .text(finding.scope), Self.kindCell(finding.kind.rawValue),
                bucketCell(finding.bucket, period: finding.period), .text(finding.field), .number(finding.stored), .number(finding.recomputed),
                .number(finding.delta),
                Self.evidenceCell(evidence, text: finding.detail,
                                  chart: charts.sparkline(user: finding.user, scope: finding.scope, highlight: finding.bucket)),
            ])
        }
        let empty = outcome.profileLayout == nil && outcome.profiles.isEmpty
            ? "No stored counters were audited: run with --profiles to compare them with the logs."
            : "No reconciliation findings: every stored counter audited matches the logs."
        return section(
            id: "reconciliation", title: "Reconciliation findings", count: outcome.findings.count,
            intro: outcome.findings.isEmpty ? "" : "Stored counters that the logs contradict, and why. Delta is stored − recomputed. " + chartNote,
            body: outcome.findings.isEmpty ? "" : rowLimitNote(
                shown: shown.count, of: outcome.findings.count, file: "reconciliation.csv",
                order: "chosen by kind, wrong counters and unapplied limits before the others, then the largest disagreements; in the report's order") + table.rendered(),
            empty: empty)
    }

    /// `recommendations.csv` as a table, with the reason and a chart (the proposed limit
    /// dotted when it is a daily one); `keep` rows (only with `--include-keep`) folded away
    /// in a second table without charts.
    func recommendationSection() -> String {
        let changes = outcome.recommendations.filter { $0.action != .keep }
        let keeps = outcome.recommendations.filter { $0.action == .keep }
        let columns: [HTMLTable.Column] = [
            HTMLTable.Column(title: "User", style: "user"), .text("Scope"), .text("Action"), .text("Period"),
            .number("Current limit"), .number("Recommended"),
        ]
        func cells(_ advice: Recommendation) -> [HTMLTable.Cell] {
            [
                .text(advice.user), .text(advice.scope), Self.kindCell(advice.action.rawValue), .text(advice.period.name),
                Self.limitCell(advice.currentLimit), Self.limitCell(advice.recommendedLimit),
            ]
        }
        var html = ""
        if !changes.isEmpty {
            let reasonColumn = HTMLTable.Column.text(
                "Reason and daily units, last \(charts.range.dayCount) day\(charts.range.dayCount == 1 ? "" : "s")", style: "evidence")
            var table = HTMLTable(id: "recommendations-table", caption: "Limits to change", columns: columns + [reasonColumn])
            let shown = shownRecommendations(changes)
            html += rowLimitNote(shown: shown.count, of: changes.count, file: "recommendations.csv", order: "the largest changes first")
            for advice in shown {
                let proposed = advice.period == .day ? advice.recommendedLimit.flatMap { $0 >= 0 ? $0 : nil } : nil
                table.append(cells(advice) + [
                    Self.evidenceCell(HTMLEscaping.escaped(advice.reason), text: advice.reason, chart: charts.sparkline(
                        user: advice.user, scope: advice.scope, highlight: nil, proposedLimit: proposed)),
                ])
            }
            html += table.rendered()
        }
        if !keeps.isEmpty {
            var table = HTMLTable(id: "keep-table", caption: "Limits that fit their use", columns: columns + [.text("Reason", style: "evidence")])
            let shown = shownRecommendations(keeps)
            for advice in shown { table.append(cells(advice) + [.text(advice.reason)]) }
            html += "<details><summary>Limits to keep unchanged: \(HTMLNumber.grouped(Int64(keeps.count)))</summary>"
            html += rowLimitNote(shown: shown.count, of: keeps.count, file: "recommendations.csv", order: "the first by user")
            html += table.rendered() + "</details>"
        }
        let note = changes.isEmpty ? "" : "What to change about limits, with the numbers behind it. The chart's dotted line is a proposed daily limit."
        return section(
            id: "recommendations", title: "Recommendations", count: changes.count, intro: note,
            body: changes.isEmpty && keeps.isEmpty ? "" : (changes.isEmpty ? #"<p class="empty">No limit needs to change.</p>"# : "") + html,
            empty: "No recommendations: every limit fits its use.")
    }
}
