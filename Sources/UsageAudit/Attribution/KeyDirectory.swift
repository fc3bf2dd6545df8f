import Foundation

/// The API key → user map of `identity.keys` (a CSV with a `key,user` header).
///
/// Held as the identity resolver reads it: the keys' bytes in one interner (a key's id is
/// its position among the distinct keys, in the file's order), the id of each key's user,
/// and the users' names in another. Keys are told apart by their bytes, as log lines are
/// matched. The identity resolver and the redactor share these tables: a million keys of
/// 32 characters keep about 125 MB resident, the redactor's index included (220 MB when
/// each built tables of its own from a dictionary of strings, with a 450 MB peak at
/// start-up).
public struct KeyDirectory: Sendable {
    /// The keys, each once (by bytes), in the order they were assigned.
    private(set) var keys: ByteInterner
    /// Per key id, the id of its user in `userNames`.
    private(set) var userOfKey: [Int32] = []
    /// The names of the users the keys map to, each spelling once.
    private(set) var userNames = ByteInterner(capacity: 16)

    /// An empty directory, with room for `capacity` keys.
    public init(capacity: Int = 16) {
        keys = ByteInterner(capacity: capacity)
        userOfKey.reserveCapacity(capacity)
    }

    /// A directory of `users` (key → user), in the dictionary's order.
    public init(users: [String: String]) {
        self.init(capacity: users.count)
        for (key, user) in users { _ = assign(key, to: user) }
    }

    /// The number of keys.
    public var count: Int { keys.count }

    /// Key → user, as a dictionary (cold path: a copy of every name, O(n)). Two keys whose
    /// bytes differ but whose texts are equal (`==`) are one entry here: the later one's.
    public var users: [String: String] {
        var users: [String: String] = [:]
        users.reserveCapacity(count)
        for id in 0..<Int32(count) {
            users[keys.string(for: id)] = userNames.string(for: userOfKey[Int(id)])
        }
        return users
    }

    /// Assigns `key` to `user`; nil when done. A key assigned before keeps its id and takes
    /// the new spelling of its user; when that user is another (not `==`), nothing changes
    /// and the user the key is assigned to is returned: a conflict, for the caller to report.
    mutating func assign(_ key: String, to user: String) -> String? {
        let known = keys.count
        let id = Int(keys.intern(key))
        guard id < known else {
            userOfKey.append(userNames.intern(user))
            return nil
        }
        let previous = userNames.string(for: userOfKey[id])
        guard previous == user else { return previous }
        userOfKey[id] = userNames.intern(user)
        return nil
    }

    /// Reads a `key,user` CSV. Blank lines and lines starting with `#` are skipped.
    public static func load(path: String, configurationKey: String = "identity.keys") throws(ConfigurationError) -> KeyDirectory {
        // The file's bytes as an array, the Data they came in freed at once (a file of a
        // million keys is 40 MB: two copies of it at the peak of loading are one too many).
        let bytes: [UInt8]
        switch WholeFile.read(path) {
        case .success(let read): bytes = Array(read)
        case .failure(.missing): throw .badReferencedFile(key: configurationKey, path: path, reason: "it does not exist or is not readable")
        case .failure(.folder): throw .badReferencedFile(key: configurationKey, path: path, reason: "it is a folder: name the key,user CSV file")
        case .failure(let problem): throw .badReferencedFile(key: configurationKey, path: path, reason: problem.reason)
        }
        var sawHeader = false
        // Room for every line at once (growing rehashed a million keys again and again).
        var directory = KeyDirectory(capacity: bytes.reduce(into: 0) { lines, byte in if byte == 0x0A { lines += 1 } } + 1)
        // Excel's "CSV UTF-8" starts the file with a byte order mark, which is no part of the first key.
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var scanner = CSVScanner(bytes: bytes, position: start, separator: UInt8(ascii: ","))
        while let (rawCells, line) = try nextRecord(of: &scanner, path: path, configurationKey: configurationKey) {
            let cells = rawCells.map { $0.trimmingCharacters() }
            if cells.allSatisfy(\.isEmpty) || cells[0].hasPrefix("#") { continue }
            if !sawHeader {
                sawHeader = true
                let names = cells.map { $0.lowercased() }
                if names.count == 2, Self.keyColumnNames.contains(names[0]), Self.userColumnNames.contains(names[1]) { continue }
                if names.count == 2, Self.userColumnNames.contains(names[0]), Self.keyColumnNames.contains(names[1]) {
                    // Read as a mapping, every key of the file would map to a user named by the key.
                    throw .badReferencedFile(key: configurationKey, path: path, reason: "line \(line) is the header "
                        + "'\(cells[0]),\(cells[1])': the columns are the other way round; put the key first ('key,user')")
                }
            }
            guard cells.count == 2, !cells[0].isEmpty, !cells[1].isEmpty else {
                let found = cells.count == 2 ? "an empty cell" : cells.count == 1 ? "1 cell" : "\(cells.count) cells"
                throw .badReferencedFile(key: configurationKey, path: path,
                                         reason: "line \(line) has \(found); each line is 'key,user' (two non-empty cells, no other columns)")
            }
            // One lookup per key: assigned, and what was there looked at.
            if let previous = directory.assign(cells[0], to: cells[1]) {
                throw .badReferencedFile(key: configurationKey, path: path,
                                         reason: "line \(line) maps a key already mapped to '\(previous)' to '\(cells[1])'")
            }
        }
        return directory
    }

    /// Header names of a user column and of a key column: a first line `user,key` is a header
    /// with its columns swapped, not a mapping.
    private static let userColumnNames: Set<String> = ["user", "username", "user_name", "name", "account", "owner"]
    private static let keyColumnNames: Set<String> = ["key", "api_key", "apikey", "api-key", "token"]

    /// The next record of the keys file, with a malformed one reported as a configuration error.
    private static func nextRecord(
        of scanner: inout CSVScanner, path: String, configurationKey: String
    ) throws(ConfigurationError) -> (cells: [String], line: Int)? {
        do {
            return try scanner.nextRecord(name: path)
        } catch {
            // The scanner's error names the file and line as a profile source would; say it as a keys file.
            guard case .malformed(let origin, let reason) = error else {
                throw .badReferencedFile(key: configurationKey, path: path, reason: error.description)
            }
            throw .badReferencedFile(key: configurationKey, path: path, reason: "\(origin): \(reason)")
        }
    }
}
