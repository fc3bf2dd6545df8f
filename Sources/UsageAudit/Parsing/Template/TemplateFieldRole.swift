/// What a template field contributes to a `LogRecord` besides its named span.
enum TemplateFieldRole: UInt8, Sendable {
    /// Only the named span (`$http_x_api_key`, `%{UNIQUE_ID}e`, `$request_time`…).
    case named
    /// Read past and dropped (the trailing fields AWS may add after the known ones).
    case ignored
    /// The client address (`$remote_addr`, `%h`, `%a`), kept as logged.
    case remoteAddress
    /// The authenticated user (`$remote_user`, `%u`).
    case remoteUser
    /// A time read with one of the program's `TimeLayout`s into the line's `TimeParts`.
    case time
    /// Sub-second digits (`%{msec_frac}t`, `%{usec_frac}t`): checked, not needed for whole seconds.
    case timeFraction
    /// The request line `METHOD TARGET PROTOCOL` (`$request`, `%r`).
    case request
    /// The method alone (`$request_method`, `%m`).
    case method
    /// The request target with its query (`$request_uri`).
    case target
    /// The path without the query (`$uri`, `%U`).
    case path
    /// The query without `?` (`$args`, `$query_string`).
    case query
    /// The query written with its leading `?`, or nothing (`%q`).
    case markedQuery
    /// The three-digit response status (`$status`, `%>s`).
    case status

    /// The byte a field of this role starts with when it is not absent; a field written
    /// right before it, with no text between, ends there (`$host$request_uri`, `%U%q`).
    var leadingByte: UInt8? {
        switch self {
        case .target, .path: return ASCII.slash
        case .markedQuery: return ASCII.questionMark
        default: return nil
        }
    }
}
