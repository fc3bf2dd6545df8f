/// One log input named on the command line, after directories and globs are expanded.
public enum InputSource: Hashable, Sendable {
    case file(path: String)
    case standardInput

    /// The name used in reports and messages: the path, or `-` for standard input.
    public var displayName: String {
        switch self {
        case .file(let path): return path
        case .standardInput: return "-"
        }
    }
}
