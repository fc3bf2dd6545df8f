import Foundation

/// The API key → user map of `identity.keys` (a CSV with a `key,user` header).
public struct KeyDirectory: Sendable {
    /// Key → user, as read.
    public private(set) var users: [String: String] = [:]

    public init(users: [String: String] = [:]) {
        self.users = users
    }

    /// Reads a `key,user` CSV. Blank lines and lines starting with `#` are skipped.
    public static func load(path: String, configurationKey: String = "identity.keys") throws(ConfigurationError) -> KeyDirectory {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .badReferencedFile(key: configurationKey, path: path, reason: "it does not exist or is not readable")
        }
        let text = String(decoding: data, as: UTF8.self)
        var directory = KeyDirectory()
        var sawHeader = false
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = rawLine.trimmingCharacters()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = Self.cells(of: line)
            if !sawHeader {
                sawHeader = true
                if cells.count >= 2, cells[0].lowercased() == "key", cells[1].lowercased() == "user" { continue }
            }
            guard cells.count == 2, !cells[0].isEmpty, !cells[1].isEmpty else {
                throw .badReferencedFile(key: configurationKey, path: path,
                                         reason: "line \(offset + 1) is not 'key,user' (two non-empty cells)")
            }
            if let previous = directory.users[cells[0]], previous != cells[1] {
                throw .badReferencedFile(key: configurationKey, path: path,
                                         reason: "line \(offset + 1) maps a key already mapped to '\(previous)' to '\(cells[1])'")
            }
            directory.users[cells[0]] = cells[1]
        }
        return directory
    }

    /// The cells of one CSV line (RFC 4180 quoting: `"a, b"` is one cell, `""` a quote).
    static func cells(of line: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            switch (quoted, character) {
            case (true, "\"") where index < characters.count && characters[index] == "\"":
                cell.append("\"")
                index += 1
            case (true, "\""), (false, "\""):
                quoted.toggle()
            case (false, ","):
                cells.append(cell.trimmingCharacters())
                cell = ""
            default:
                cell.append(character)
            }
        }
        cells.append(cell.trimmingCharacters())
        return cells
    }
}
