/// RFC 4180 CSV with spreadsheet formula injection neutralised.
public enum CSVRenderer {
    /// Bytes that make a spreadsheet read a cell as a formula. Compared as bytes, not
    /// `Character`s: `"\r\n"` is one `Character` and would slip past a `Character` set.
    static let formulaTriggers: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D] // = + - @ tab CR

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
        guard let first = text.utf8.first, formulaTriggers.contains(first) else { return text }
        return "'" + text
    }

    /// Quotes a cell when it holds a comma, quote or line break.
    public static func escape(_ text: String) -> String {
        // Bytes again: a `Character` "\r\n" equals neither "\r" nor "\n".
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
