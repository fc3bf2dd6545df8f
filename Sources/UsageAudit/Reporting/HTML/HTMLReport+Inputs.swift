extension HTMLReport {
    /// The inputs as `summary.json` lists them (damaged ones marked), and the malformed
    /// lines quoted from them.
    func inputSection() -> String {
        let inputs = outcome.result.inputs
        let damaged = inputs.contains { $0.error != nil }
        var table = HTMLTable(id: "inputs-table", caption: "Files read by this run", columns: [
            HTMLTable.Column(title: "File", style: "path"), .text("Content"), .number("Bytes"), .number("Lines"),
            .number("Parsed"), .number("Malformed"), .number("Requests"), .number("Units"),
            HTMLTable.Column(title: "First request", numeric: true, style: "when"),
            HTMLTable.Column(title: "Last request", numeric: true, style: "when"),
        ] + (damaged ? [.text("Damage", style: "evidence")] : []))
        for input in inputs {
            table.append([
                .text(input.path), .text(input.content.name), .number(input.bytes), .number(input.lines),
                .number(input.parsed), .number(input.malformed), .number(input.requests), .number(input.units),
                timeCell(input.first), timeCell(input.last),
            ] + (damaged ? [.text(input.error ?? "")] : []), style: input.error == nil ? "" : "damaged")
        }
        var html = table.rendered()
        let samples = inputs.flatMap(\.malformedSamples)
        if !samples.isEmpty {
            var quoted = HTMLTable(id: "malformed-table", caption: "The first \(InputStatistics.sampleLimit) of each file, secrets masked", columns: [
                HTMLTable.Column(title: "File", style: "path"), .number("Line"), .text("Why", style: "evidence"),
                HTMLTable.Column(title: "Text", style: "quote"),
            ])
            for sample in samples {
                quoted.append([.text(sample.file), .number(Int64(sample.line)), .text(sample.reason), .text(sample.text)])
            }
            html += "<h3>Malformed lines</h3>" + quoted.rendered()
        }
        return section(
            id: "inputs", title: "Inputs", count: inputs.count, body: inputs.isEmpty ? "" : html,
            empty: "No input was read.")
    }

    /// A moment as `2026-11-20 09:47 +01:00` in a `<time>` element holding it in RFC 3339;
    /// empty when unknown.
    func timeCell(_ instant: Int64?) -> HTMLTable.Cell {
        guard let instant else { return .markup("", sortKey: "") }
        let stamp = HTMLEscaping.escaped(calendar.rfc3339(instant))
        let shown = HTMLEscaping.escaped(FindingText.moment(instant, calendar: calendar))
        return .markup(#"<time class="moment" datetime="\#(stamp)">\#(shown)</time>"#, sortKey: String(instant))
    }
}
