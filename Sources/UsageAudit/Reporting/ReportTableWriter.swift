/// Writes a report table row by row in one of the file formats (CSV, pretty JSON, JSON
/// lines), so that a large report never exists whole in memory. `OutputFormat.render`
/// uses it too, so a table rendered as text and one streamed to a file are the same bytes.
public struct ReportTableWriter {
    public let format: OutputFormat
    public let columns: [String]
    private var rows = 0
    /// Per column, what comes before its value in a JSON object: the key, escaped once
    /// (pretty: on a line of its own at depth 2, as `JSONValue` indents).
    private let memberKeys: [[UInt8]]

    /// A writer of `columns` in `format` (`.table` is not streamable: use `OutputFormat.render`).
    public init(format: OutputFormat, columns: [String]) {
        precondition(format != .table, "aligned tables need every row before the first line")
        self.format = format
        self.columns = columns
        let pretty = format == .json
        memberKeys = columns.map { column in
            var output = ReportOutput()
            if pretty { output.append("\n    ") }
            JSONValue.writeString(column, to: &output)
            output.append(pretty ? ": " as StaticString : ":")
            return output.bytes
        }
    }

    /// Writes what comes before the first row.
    public mutating func begin(_ output: inout ReportOutput) {
        switch format {
        case .csv:
            for (index, column) in columns.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                CSVRenderer.writeText(column, neutralising: false, to: &output)
            }
            output.append(UInt8(ascii: "\n"))
        case .json:
            output.append(UInt8(ascii: "["))
        case .jsonl, .table:
            break
        }
    }

    /// Writes one row (its values in column order).
    public mutating func write(_ row: [ReportValue], to output: inout ReportOutput) {
        switch format {
        case .csv:
            for (index, value) in row.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                CSVRenderer.write(value, to: &output)
            }
            output.append(UInt8(ascii: "\n"))
        case .json:
            if rows > 0 { output.append(UInt8(ascii: ",")) }
            output.append("\n  {")
            writeMembers(row, to: &output)
            output.append("\n  }")
        case .jsonl:
            output.append(UInt8(ascii: "{"))
            writeMembers(row, to: &output)
            output.append("}\n")
        case .table:
            break
        }
        rows += 1
    }

    /// Writes what comes after the last row.
    public mutating func end(_ output: inout ReportOutput) {
        if format == .json {
            output.append(rows > 0 ? "\n]\n" as StaticString : "]\n")
        }
    }

    /// The members of a row's object (pretty or not as `memberKeys` were rendered).
    private func writeMembers(_ row: [ReportValue], to output: inout ReportOutput) {
        for (index, value) in row.enumerated() where index < memberKeys.count {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            memberKeys[index].withUnsafeBufferPointer { output.append(contentsOf: $0) }
            switch value {
            case .text(let text): JSONValue.writeString(text, to: &output)
            case .integer(let number): output.append(number)
            case .decimal(let number): output.append(JSONValue.format(number))
            case .empty: output.append("null")
            }
        }
    }
}
