/// An nginx `log_format` variable the template compiler gives a meaning to.
///
/// Any other well-formed `$name` is accepted as an opaque named field called `name`, since
/// operators define their own variables (`map`, `set`, modules).
struct NginxVariable: Sendable {
    /// How the compiler reads the variable.
    enum Reading: Sendable {
        case field(TemplateFieldRole)
        case time(TimeLayout)
        /// `$is_args`: a `?` when the request has a query, else nothing.
        case optionalByte(UInt8)
    }

    let name: String
    let reading: Reading
    let meaning: String
    var isPort = false

    /// The variables with a role or a documented meaning, in the order `formats` lists them.
    static let known: [NginxVariable] = [
        .init(name: "remote_addr", reading: .field(.remoteAddress), meaning: "client address (IP or IP:port, as logged)"),
        .init(name: "realip_remote_addr", reading: .field(.named), meaning: "client address before the realip module replaced it"),
        .init(name: "remote_port", reading: .field(.named), meaning: "client port", isPort: true),
        .init(name: "remote_user", reading: .field(.remoteUser), meaning: "authenticated user"),
        .init(name: "time_local", reading: .time(.commonLog), meaning: "request time, 10/Oct/2000:13:55:36 -0700"),
        .init(name: "time_iso8601", reading: .time(.iso8601), meaning: "request time, ISO 8601"),
        .init(name: "msec", reading: .time(.epochSeconds), meaning: "request time, seconds since 1970 with milliseconds"),
        .init(name: "request", reading: .field(.request), meaning: "request line: method, target, protocol"),
        .init(name: "request_method", reading: .field(.method), meaning: "request method"),
        .init(name: "request_uri", reading: .field(.target), meaning: "request target: path and query"),
        .init(name: "uri", reading: .field(.path), meaning: "request path"),
        .init(name: "document_uri", reading: .field(.path), meaning: "request path"),
        .init(name: "args", reading: .field(.query), meaning: "query string without '?'"),
        .init(name: "query_string", reading: .field(.query), meaning: "query string without '?'"),
        .init(name: "is_args", reading: .optionalByte(ASCII.questionMark), meaning: "'?' when there is a query (not a field)"),
        .init(name: "status", reading: .field(.status), meaning: "response status"),
        .init(name: "body_bytes_sent", reading: .field(.named), meaning: "response body bytes"),
        .init(name: "bytes_sent", reading: .field(.named), meaning: "response bytes including headers"),
        .init(name: "request_length", reading: .field(.named), meaning: "request bytes including headers"),
        .init(name: "request_time", reading: .field(.named), meaning: "request processing time, seconds"),
        .init(name: "upstream_response_time", reading: .field(.named), meaning: "upstream response time, seconds"),
        .init(name: "upstream_addr", reading: .field(.named), meaning: "upstream address"),
        .init(name: "upstream_status", reading: .field(.named), meaning: "upstream response status"),
        .init(name: "http_referer", reading: .field(.named), meaning: "Referer request header"),
        .init(name: "http_user_agent", reading: .field(.named), meaning: "User-Agent request header"),
        .init(name: "http_x_forwarded_for", reading: .field(.named), meaning: "X-Forwarded-For request header"),
        .init(name: "host", reading: .field(.named), meaning: "host name of the request"),
        .init(name: "server_name", reading: .field(.named), meaning: "name of the server that accepted the request"),
        .init(name: "server_addr", reading: .field(.named), meaning: "address of the server that accepted the request"),
        .init(name: "server_port", reading: .field(.named), meaning: "port of the server that accepted the request", isPort: true),
        .init(name: "scheme", reading: .field(.named), meaning: "http or https"),
        .init(name: "server_protocol", reading: .field(.named), meaning: "request protocol, e.g. HTTP/1.1"),
        .init(name: "request_id", reading: .field(.named), meaning: "unique request id"),
    ]

    /// Families of variables named after a header, cookie or argument: `prefix` + `NAME`.
    static let families: [(prefix: String, meaning: String)] = [
        ("http_", "request header NAME (lower case, '-' written '_')"),
        ("sent_http_", "response header NAME"),
        ("upstream_http_", "upstream response header NAME"),
        ("cookie_", "cookie NAME"),
        ("arg_", "query argument NAME"),
    ]

    private static let knownByName: [String: NginxVariable] = Dictionary(
        known.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// The meaning of `$name` (`name` lower-cased, without `$`).
    /// - Throws: `.invalidTemplate` for a family prefix with no name after it (`$http_`).
    static func variable(named name: String, in specification: String) throws(FormatError) -> NginxVariable {
        if let known = knownByName[name] { return known }
        if let family = families.first(where: { name == $0.prefix }) {
            throw .invalidTemplate(
                specification, reason: "'$\(name)' names no header, cookie or argument: write e.g. '$\(family.prefix)x_api_key'")
        }
        return NginxVariable(name: name, reading: .field(.named), meaning: "")
    }

    /// The rows `usage-audit formats` prints for nginx.
    static var descriptions: [TemplateVariableDescription] {
        known.map { variable in
            var field = variable.name
            if case .optionalByte = variable.reading { field = "-" }
            return TemplateVariableDescription(syntax: "nginx", spelling: "$" + variable.name, field: field, meaning: variable.meaning)
        }
            + families.map {
                TemplateVariableDescription(syntax: "nginx", spelling: "$\($0.prefix)NAME", field: "\($0.prefix)NAME", meaning: $0.meaning)
            }
            + [TemplateVariableDescription(syntax: "nginx", spelling: "$NAME", field: "NAME", meaning: "any other variable, kept as a named field")]
    }
}
