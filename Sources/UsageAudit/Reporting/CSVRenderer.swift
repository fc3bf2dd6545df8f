/// RFC 4180 CSV with spreadsheet formula injection neutralised.
public enum CSVRenderer {
    /// Characters that make a spreadsheet read a cell as a formula.
    static let formulaTriggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    public static func render(_ table: ReportTable) -> String {
        var output = table.columns.map { escape($0) }.joined(separator: ",") + "\n"
        for row in table.rows {
            output += row.map(cell).joined(separator: ",")
            output += "\n"
        }
        return output
    }

    static func cell(_ value: ReportValue) -> String {
        switch value {
        case .text(let text): return escape(neutralise(text))
        case .integer(let number): return String(number)
        case .decimal(let number): return JSONValue.format(number)
        case .empty: return ""
        }
    }

    /// Prefixes `'` to text that a spreadsheet would evaluate (user names come from logs).
    public static func neutralise(_ text: String) -> String {
        guard let first = text.first, formulaTriggers.contains(first) else { return text }
        return "'" + text
    }

    /// Quotes a cell when it holds a comma, quote or line break.
    public static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
