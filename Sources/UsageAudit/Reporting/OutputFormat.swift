/// The formats a report or a printing command can be written in (`--format`).
public enum OutputFormat: String, CaseIterable, Sendable {
    case csv
    case json
    case jsonl
    /// Aligned columns for a terminal.
    case table

    /// Renders `table` in this format.
    public func render(_ table: ReportTable) -> String {
        switch self {
        case .csv: return CSVRenderer.render(table)
        case .json: return JSONValue.array(table.rows.map { Self.object(table.columns, $0) }).rendered(pretty: true) + "\n"
        case .jsonl: return table.rows.map { Self.object(table.columns, $0).rendered(pretty: false) + "\n" }.joined()
        case .table: return TextTableRenderer.render(table)
        }
    }

    /// The file name extension of the format.
    public var fileExtension: String {
        self == .table ? "txt" : rawValue
    }

    static func object(_ columns: [String], _ row: [ReportValue]) -> JSONValue {
        .object(zip(columns, row).map { ($0, JSONValue($1)) })
    }
}
