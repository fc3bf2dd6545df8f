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
        var directory = KeyDirectory()
        var sawHeader = false
        var scanner = CSVScanner(bytes: Array(data), position: 0, separator: UInt8(ascii: ","))
        while let (rawCells, line) = try nextRecord(of: &scanner, path: path, configurationKey: configurationKey) {
            let cells = rawCells.map { $0.trimmingCharacters() }
            if cells.allSatisfy(\.isEmpty) || cells[0].hasPrefix("#") { continue }
            if !sawHeader {
                sawHeader = true
                if cells.count >= 2, cells[0].lowercased() == "key", cells[1].lowercased() == "user" { continue }
            }
            guard cells.count == 2, !cells[0].isEmpty, !cells[1].isEmpty else {
                throw .badReferencedFile(key: configurationKey, path: path,
                                         reason: "line \(line) is not 'key,user' (two non-empty cells)")
            }
            if let previous = directory.users[cells[0]], previous != cells[1] {
                throw .badReferencedFile(key: configurationKey, path: path,
                                         reason: "line \(line) maps a key already mapped to '\(previous)' to '\(cells[1])'")
            }
            directory.users[cells[0]] = cells[1]
        }
        return directory
    }

    /// The next record of the keys file, with a malformed one reported as a configuration error.
    private static func nextRecord(
        of scanner: inout CSVScanner, path: String, configurationKey: String
    ) throws(ConfigurationError) -> (cells: [String], line: Int)? {
        do {
            return try scanner.nextRecord(name: path)
        } catch {
            throw .badReferencedFile(key: configurationKey, path: path, reason: error.description)
        }
    }
}
