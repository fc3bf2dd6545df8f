import Foundation

/// Finds the line on which a configuration key is written, so that errors can name it.
///
/// The TOML library does not keep source positions of values, so this scans the text:
/// it follows `[table]` and `[[array]]` headers and `key = value` lines, which covers how
/// configurations are written in practice; keys it cannot place get no line number.
struct KeyLocator {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var table = ""
        var arrayCounts: [String: Int] = [:]
        // The delimiter of a multi-line string still open: its lines hold no keys.
        var openString: String?
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingLeadingSpaces()
            let number = offset + 1
            if let delimiter = openString {
                if Self.occurrences(of: delimiter, in: line) % 2 == 1 { openString = nil }
                continue
            }
            defer {
                for delimiter in ["\"\"\"", "\'\'\'"] where Self.occurrences(of: delimiter, in: line) % 2 == 1 {
                    openString = delimiter
                }
            }
            if line.hasPrefix("[[") {
                let name = Self.headerName(line.dropFirst(2), closing: "]]")
                let index = arrayCounts[name, default: -1] + 1
                arrayCounts[name] = index
                table = "\(name)[\(index)]"
                lines[table] = lines[table] ?? number
            } else if line.hasPrefix("[") {
                table = Self.headerName(line.dropFirst(), closing: "]")
                lines[table] = lines[table] ?? number
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                var key = String(line[..<equals]).trimmingCharacters()
                if key.hasPrefix("\""), key.hasSuffix("\""), key.count >= 2 { key = String(key.dropFirst().dropLast()) }
                let path = table.isEmpty ? key : "\(table).\(key)"
                lines[path] = lines[path] ?? number
            }
        }
    }

    /// The line of `path` (`log.format`, `scope[1].cost`), or of its table when the key
    /// itself cannot be found.
    func line(of path: String) -> Int? {
        if let line = lines[path] { return line }
        // `quotas`, an unknown array of tables, is written as `[[quotas]]`.
        if let line = lines[path + "[0]"] { return line }
        // `quota[1]` of an inline array (`quota = [{…}, {…}]`) is on the line of `quota`.
        if path.hasSuffix("]"), let bracket = path.lastIndex(of: "[") {
            return line(of: String(path[..<bracket]))
        }
        guard let dot = path.lastIndex(of: ".") else { return nil }
        return line(of: String(path[..<dot]))
    }

    /// How often `delimiter` occurs in `line` (a `"""` or `\'\'\'` opening or closing a multi-line string).
    private static func occurrences(of delimiter: String, in line: Substring) -> Int {
        line.components(separatedBy: delimiter).count - 1
    }

    private static func headerName(_ text: Substring, closing: String) -> String {
        let end = text.range(of: closing)?.lowerBound ?? text.endIndex
        return String(text[..<end]).trimmingCharacters()
    }
}
