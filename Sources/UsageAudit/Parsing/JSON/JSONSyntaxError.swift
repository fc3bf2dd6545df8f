/// Why a line is not a JSON object the scanner can read, as a short hint for the user.
enum JSONSyntaxError: Error, Equatable, Sendable {
    case notAnObject
    case truncated
    case expectedKey
    case expectedColon
    case expectedCommaOrBrace
    case invalidValue
    case invalidNumber
    case invalidEscape
    case trailingBytes

    /// The hint quoted next to the malformed line.
    var hint: String {
        switch self {
        case .notAnObject: return "not a JSON object (a line must start with '{')"
        case .truncated: return "JSON ends early (truncated line or unclosed string)"
        case .expectedKey: return "invalid JSON: expected a quoted key"
        case .expectedColon: return "invalid JSON: expected ':' after a key"
        case .expectedCommaOrBrace: return "invalid JSON: expected ',' or '}'"
        case .invalidValue: return "invalid JSON value"
        case .invalidNumber: return "invalid JSON number"
        case .invalidEscape: return "invalid escape in a JSON string"
        case .trailingBytes: return "bytes after the JSON object"
        }
    }
}
