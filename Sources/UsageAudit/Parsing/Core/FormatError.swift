/// A log format that cannot be compiled, with a message that says how to fix it.
public enum FormatError: Error, Equatable, Sendable {
    /// `log.format` names no preset and is not a recognisable nginx or Apache format string.
    case unknownPreset(String, known: [String])
    /// A variable or directive the format compiler does not know, e.g. `$foo` or `%Z`.
    case unknownVariable(String, format: String)
    /// The format string is not well formed (unclosed `%{`, two fields with no separator…).
    case invalidTemplate(String, reason: String)
    /// A strftime pattern in `%{…}t` that cannot be read back.
    case invalidTimePattern(String, reason: String)
    /// The configuration asks for `field:NAME` that this format does not log.
    case unknownField(String, available: [String])
    /// The format has no way to tell the request time.
    case missingTime(format: String)
    /// A `[log.json]` mapping that cannot be used.
    case invalidJSONMapping(key: String, reason: String)
}

extension FormatError {
    /// Whether the error is about `[log] format` itself (not a field other keys ask for, or
    /// the `[log.json]` mapping): its message then names that key and its line.
    public var isAboutTheFormat: Bool {
        switch self {
        case .unknownPreset, .unknownVariable, .invalidTemplate, .invalidTimePattern, .missingTime: true
        case .unknownField, .invalidJSONMapping: false
        }
    }
}

extension FormatError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unknownPreset(let name, let known):
            let hint = Spelling.nearest(to: name, among: known).map { "did you mean '\($0)'? " } ?? ""
            return "unknown log format '\(name)': \(hint)use one of \(known.joined(separator: ", ")), "
                + "or an nginx log_format string ('$remote_addr - $remote_user [$time_local] …') "
                + "or an Apache LogFormat string ('%h %l %u %t \"%r\" …')"
        case .unknownVariable(let variable, let format):
            return "the log format '\(format)' uses '\(variable)', which usage-audit does not know; "
                + "run 'usage-audit formats' for the supported variables"
        case .invalidTemplate(let format, let reason):
            return "the log format '\(format)' cannot be used: \(reason)"
        case .invalidTimePattern(let pattern, let reason):
            return "the time pattern '\(pattern)' cannot be read: \(reason)"
        case .unknownField(let name, let available):
            let list = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "field '\(name)' is not in the log format, but the configuration asks for it "
                + "('field:\(name)' in [identity] from or in a [[scope]] cost); fields it has: \(list)"
        case .missingTime(let format):
            return "the log format '\(format)' has no time field ($time_local, $time_iso8601, $msec, %t or %{…}t); "
                + "every request needs a time to be counted in a period"
        case .invalidJSONMapping(let key, let reason):
            return "[log.json] \(key): \(reason)"
        }
    }
}
