/// What a parser made of one line.
public enum LineParseResult: Equatable, Sendable {
    /// The line is a request; the record holds it.
    case parsed
    /// The line is not a request but belongs to the format (a W3C `#Fields:` header,
    /// a blank line): neither counted nor malformed.
    case ignored
    /// The line does not match the format. The reason is a short hint for the user.
    case malformed(String)
}
