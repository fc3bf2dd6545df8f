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
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingLeadingSpaces()
            let number = offset + 1
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
        guard let dot = path.lastIndex(of: ".") else { return nil }
        return line(of: String(path[..<dot]))
    }

    private static func headerName(_ text: Substring, closing: String) -> String {
        let end = text.range(of: closing)?.lowerBound ?? text.endIndex
        return String(text[..<end]).trimmingCharacters()
    }
}
