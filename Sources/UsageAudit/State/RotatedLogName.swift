/// The name a log keeps through its rotations: `access.log` for `access.log`,
/// `access.log.1`, `access.log.2.gz` and `access.log-20261125.gz` alike (logrotate's
/// numbered and `dateext` names).
enum RotatedLogName {
    /// The file name of `path` without its `.gz` and without the numbers rotation adds
    /// (`.1`, `-2`, `_3`, `-20261125`), however many.
    static func stem(of path: String) -> Substring {
        var name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path)
        if name.hasSuffix(".gz") { name = name.dropLast(3) }
        while let separator = name.lastIndex(where: { $0 == "." || $0 == "-" || $0 == "_" }),
              separator > name.startIndex
        {
            let suffix = name[name.index(after: separator)...]
            guard !suffix.isEmpty, suffix.utf8.allSatisfy(ASCII.isDigit) else { break }
            name = name[..<separator]
        }
        return name
    }

    /// Whether `path` and `other` are names of one log at two rotations.
    static func sameLog(_ path: String, _ other: String) -> Bool {
        stem(of: path) == stem(of: other)
    }
}
