/// A log input that cannot be read at all; the command line maps it to exit code 3.
///
/// Raised while expanding operands and opening files, before any line of that input
/// is counted. Damage found while decoding (a truncated or corrupt gzip file) is
/// `InputDamage` instead: the lines before it are still counted.
public enum InputError: Error, Equatable, Sendable {
    /// The path names nothing.
    case missingFile(path: String)
    /// The path exists but cannot be opened, listed or read; `reason` says why
    /// (usually the system's error text, e.g. "Permission denied").
    case unreadable(path: String, reason: String)
    /// The input is compressed in a format other than gzip (`CompressionFormat`).
    case unsupportedCompression(path: String, format: String, command: String)
    /// A glob pattern matched no file.
    case emptyGlob(pattern: String)
    /// A directory (searched recursively) holds no log file.
    case emptyDirectory(path: String)
}

extension InputError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .missingFile(let path):
            return "log input '\(path)' does not exist: check the path, "
                + "or quote a glob such as 'logs/access.log*' so that usage-audit expands it"
        case .unreadable(let path, let reason):
            return "log input '\(path)' cannot be read (\(reason)): "
                + "check its permissions, or leave it out of the inputs (the command line, or the directory named there)"
        case .unsupportedCompression(let path, let format, let command):
            let file = path == "-" ? "FILE" : path
            return "log input '\(path)' is \(format)-compressed, and usage-audit reads gzip and plain text only: "
                + "decompress it first (\(command) \(file) | usage-audit … -), or recompress it with gzip"
        case .emptyGlob(let pattern):
            return "the pattern '\(pattern)' matches no file: check the directory and the pattern "
                + "(hidden files are matched only by a pattern that starts with '.')"
        case .emptyDirectory(let path):
            return "the directory '\(path)' holds no log file (hidden files and folders, and symbolic links to folders, are "
                + "skipped): check that the logs were rotated into it, or name the files or the linked folders directly"
        }
    }
}
