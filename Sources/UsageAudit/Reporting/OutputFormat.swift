/// The formats a report or a printing command can be written in (`--format`).
public enum OutputFormat: String, CaseIterable, Sendable {
    case csv
    case json
    case jsonl
    /// Aligned columns for a terminal.
    case table

    /// Renders `table` in this format.
    public func render(_ table: ReportTable) -> String {
        guard self != .table else { return TextTableRenderer.render(table) }
        var output = ReportOutput()
        write(table, to: &output)
        return output.text
    }

    /// Appends `table` in this format (CSV, JSON or JSON lines) to `output`, row by row.
    public func write(_ table: ReportTable, to output: inout ReportOutput) {
        var writer = ReportTableWriter(format: self, columns: table.columns)
        writer.begin(&output)
        for row in table.rows { writer.write(row, to: &output) }
        writer.end(&output)
    }

    /// The file name extension of the format.
    public var fileExtension: String {
        self == .table ? "txt" : rawValue
    }

    static func object(_ columns: [String], _ row: [ReportValue]) -> JSONValue {
        .object(zip(columns, row).map { ($0, JSONValue($1)) })
    }
}
