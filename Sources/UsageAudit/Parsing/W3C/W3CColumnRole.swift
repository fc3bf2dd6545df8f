/// What a column of a W3C `#Fields:` header contributes to a `LogRecord`.
enum W3CColumnRole: Sendable {
    /// `date`: `YYYY-MM-DD`, UTC.
    case date
    /// `time`: `HH:MM[:SS[.fff]]`, UTC.
    case time
    /// `c-ip`.
    case clientAddress
    /// `cs-username`.
    case username
    /// `cs-method`.
    case method
    /// `cs-uri-stem`: the path.
    case uriStem
    /// `cs-uri-query`: the query without `?`.
    case uriQuery
    /// `cs-uri`: path and query together.
    case uri
    /// `sc-status`.
    case status
    /// Any other field; it may still be requested as `field:NAME`.
    case other
}
