/// A configuration problem, with where it is and how to fix it (exit code 2).
public enum ConfigurationError: Error, Equatable, Sendable {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The TOML itself is malformed.
    case syntax(path: String, line: Int, message: String)
    /// A key the configuration does not know (typo, or a key of another section).
    case unknownKey(key: String, line: Int?, suggestion: String?)
    /// A key whose value has the wrong type.
    case wrongType(key: String, line: Int?, expected: String, found: String)
    /// A key whose value is of the right type but impossible.
    case invalidValue(key: String, line: Int?, reason: String)
    /// A key that must be present; `line` is its table's (or, when empty, its own).
    case missingKey(key: String, line: Int?, hint: String)
    /// A file the configuration names (e.g. `identity.keys`) that cannot be used.
    case badReferencedFile(key: String, path: String, reason: String)
}

extension ConfigurationError: CustomStringConvertible {
    public var description: String {
        func at(_ line: Int?) -> String { line.map { " (line \($0))" } ?? "" }
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read configuration '\(path)': \(reason)"
        case .syntax(let path, let line, let message):
            return "\(path):\(line): TOML syntax error: \(message)"
        case .unknownKey(let key, let line, let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? "; see README.md 'Configuration' for the keys"
            return "unknown configuration key '\(key)'\(at(line))\(hint)"
        case .wrongType(let key, let line, let expected, let found):
            return "'\(key)'\(at(line)) must be \(expected), found \(found)"
        case .invalidValue(let key, let line, let reason):
            return "'\(key)'\(at(line)): \(reason)"
        case .missingKey(let key, let line, let hint):
            return "'\(key)'\(at(line)) is required: \(hint)"
        case .badReferencedFile(let key, let path, let reason):
            return "'\(key)' names '\(path)', which cannot be used: \(reason)"
        }
    }
}
