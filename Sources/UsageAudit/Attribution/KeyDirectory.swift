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
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { Self.unquote($0.trimmingCharacters()) }
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

    private static func unquote(_ cell: String) -> String {
        guard cell.count >= 2, cell.hasPrefix("\""), cell.hasSuffix("\"") else { return cell }
        return String(cell.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }
}
