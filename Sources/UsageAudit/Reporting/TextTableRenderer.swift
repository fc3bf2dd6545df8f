/// Aligned columns for a terminal: numbers right-aligned, text left-aligned, by the
/// columns each cell takes on screen (`TerminalWidth`: a CJK name takes two a character).
public enum TextTableRenderer {
    public static func render(_ table: ReportTable) -> String {
        let cells = table.rows.map { $0.map(text) }
        var widths = table.columns.map(TerminalWidth.columns(of:))
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], TerminalWidth.columns(of: cell))
            }
        }
        func line(_ values: [String], numeric: [Bool]) -> String {
            var parts: [String] = []
            for (index, value) in values.enumerated() {
                let padding = String(repeating: " ", count: max(0, widths[index] - TerminalWidth.columns(of: value)))
                parts.append(numeric[index] ? padding + value : value + padding)
            }
            return parts.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        var output = line(table.columns, numeric: table.columns.map { _ in false })
        output += line(widths.map { String(repeating: "-", count: $0) }, numeric: widths.map { _ in false })
        for (row, values) in zip(table.rows, cells) {
            output += line(values, numeric: row.map(isNumeric))
        }
        return output
    }

    static func text(_ value: ReportValue) -> String {
        switch value {
        case .text(let text):
            return InvisibleFormatCharacter.shown(in: String(text.unicodeScalars.map { $0.value < 0x20 ? "?" : Character($0) }))
        case .integer(let number): return String(number)
        case .decimal(let number): return JSONValue.format(number)
        case .empty: return ""
        }
    }

    static func isNumeric(_ value: ReportValue) -> Bool {
        switch value {
        case .integer, .decimal: return true
        default: return false
        }
    }
}
