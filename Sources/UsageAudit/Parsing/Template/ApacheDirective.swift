/// An Apache `LogFormat` directive: its letter, how the compiler reads it, and its field name.
///
/// | directive | field | | directive | field |
/// |---|---|---|---|---|
/// | `%h`, `%a` | `remote_addr` | | `%{c}a` | `realip_remote_addr` |
/// | `%l` | `remote_ident` | | `%u` | `remote_user` |
/// | `%t` | `time_local` (`[…]`) | | `%{FMT}t` | `time_local` (strftime) |
/// | `%{sec}t` `%{msec}t` `%{usec}t` | `time_sec` `time_msec` `time_usec` | | `%{msec_frac}t` `%{usec_frac}t` | `time_msec_frac` `time_usec_frac` |
/// | `%r` | `request` | | `%m` | `request_method` |
/// | `%U` | `uri` | | `%q` | `args` (without `?`) |
/// | `%H` | `server_protocol` | | `%s` `%>s` `%<s` | `status` |
/// | `%b` `%B` | `body_bytes_sent` | | `%O` | `bytes_sent` |
/// | `%I` | `request_length` | | `%S` | `bytes_transferred` |
/// | `%D`, `%{us}T` | `request_time_us` | | `%{ms}T` | `request_time_ms` |
/// | `%T`, `%{s}T` | `request_time` | | `%v` | `server_name` |
/// | `%V` | `host` | | `%p`, `%{canonical}p`, `%{local}p` | `server_port` |
/// | `%{remote}p` | `remote_port` | | `%A` | `server_addr` |
/// | `%P`, `%{pid}P` | `pid` | | `%{tid}P` `%{hextid}P` | `tid` |
/// | `%k` | `connection_requests` | | `%X` | `connection_status` |
/// | `%L` | `request_log_id` | | `%R` | `handler` |
/// | `%f` | `request_filename` | | `%{X-Api-Key}i` | `http_x_api_key` |
/// | `%{X-Units}o` | `sent_http_x_units` | | `%{UNIQUE_ID}e` | `env_unique_id` |
/// | `%{cookie}n` | `note_cookie` | | `%{session}C` | `cookie_session` |
/// | `%{SSL_PROTOCOL}x` | `ssl_protocol` | | `%%` | a literal `%` |
///
/// Names are lower-cased with `-` and other punctuation written `_`. Conditions
/// (`%!200,304{Referer}i`) and the `<` / `>` modifiers are accepted and ignored.
struct ApacheDirective: Sendable {
    /// How the compiler reads a directive.
    enum Reading: Sendable {
        /// A fixed field.
        case field(String, TemplateFieldRole)
        /// A field named `prefix` + the `{NAME}` argument, which is required.
        case family(prefix: String)
        /// `%t` and `%{FMT}t`.
        case time
        /// `%T` and `%{UNIT}T`.
        case duration
        /// `%a` and `%{c}a`.
        case clientAddress
        /// `%p` and `%{canonical|local|remote}p`.
        case port
        /// `%P` and `%{pid|tid|hextid}P`.
        case process
    }

    let letter: UInt8
    let spelling: String
    let field: String
    let reading: Reading
    let meaning: String

    init(_ letter: Character, _ spelling: String, _ field: String, _ reading: Reading, _ meaning: String) {
        self.letter = letter.asciiValue ?? 0
        self.spelling = spelling
        self.field = field
        self.reading = reading
        self.meaning = meaning
    }

    /// Every supported directive, in the order `formats` lists them.
    static let all: [ApacheDirective] = [
        .init("h", "%h", "remote_addr", .field("remote_addr", .remoteAddress), "client host or address"),
        .init("a", "%a, %{c}a", "remote_addr, realip_remote_addr", .clientAddress, "client address; %{c}a the connection's peer"),
        .init("l", "%l", "remote_ident", .field("remote_ident", .named), "identd user (or whatever a custom format logs there)"),
        .init("u", "%u", "remote_user", .field("remote_user", .remoteUser), "authenticated user"),
        .init("t", "%t, %{FMT}t", "time_local, time_sec, time_msec, time_usec", .time,
              "request time: [10/Oct/2000:13:55:36 -0700], strftime FMT, sec, msec, usec, msec_frac, usec_frac, begin:/end: prefixes"),
        .init("r", "%r", "request", .field("request", .request), "request line"),
        .init("m", "%m", "request_method", .field("request_method", .method), "request method"),
        .init("U", "%U", "uri", .field("uri", .path), "request path"),
        .init("q", "%q", "args", .field("args", .markedQuery), "query string ('?' and the query, or nothing)"),
        .init("H", "%H", "server_protocol", .field("server_protocol", .named), "request protocol"),
        .init("s", "%s, %>s, %<s", "status", .field("status", .status), "response status"),
        .init("b", "%b", "body_bytes_sent", .field("body_bytes_sent", .named), "response body bytes ('-' for none)"),
        .init("B", "%B", "body_bytes_sent", .field("body_bytes_sent", .named), "response body bytes"),
        .init("O", "%O", "bytes_sent", .field("bytes_sent", .named), "response bytes including headers"),
        .init("I", "%I", "request_length", .field("request_length", .named), "request bytes including headers"),
        .init("S", "%S", "bytes_transferred", .field("bytes_transferred", .named), "bytes received and sent"),
        .init("D", "%D", "request_time_us", .field("request_time_us", .named), "request time, microseconds"),
        .init("T", "%T, %{UNIT}T", "request_time, request_time_ms, request_time_us", .duration, "request time in s, ms or us"),
        .init("v", "%v", "server_name", .field("server_name", .named), "canonical server name"),
        .init("V", "%V", "host", .field("host", .named), "server name per UseCanonicalName"),
        .init("p", "%p, %{canonical|local|remote}p", "server_port, remote_port", .port, "server or client port"),
        .init("A", "%A", "server_addr", .field("server_addr", .named), "server address"),
        .init("P", "%P, %{pid|tid|hextid}P", "pid, tid", .process, "process or thread id"),
        .init("k", "%k", "connection_requests", .field("connection_requests", .named), "keep-alive requests on the connection"),
        .init("X", "%X", "connection_status", .field("connection_status", .named), "connection status: X, + or -"),
        .init("L", "%L", "request_log_id", .field("request_log_id", .named), "request log id"),
        .init("R", "%R", "handler", .field("handler", .named), "handler that made the response"),
        .init("f", "%f", "request_filename", .field("request_filename", .named), "file name served"),
        .init("i", "%{NAME}i", "http_NAME", .family(prefix: "http_"), "request header NAME"),
        .init("o", "%{NAME}o", "sent_http_NAME", .family(prefix: "sent_http_"), "response header NAME"),
        .init("e", "%{NAME}e", "env_NAME", .family(prefix: "env_"), "environment variable NAME"),
        .init("n", "%{NAME}n", "note_NAME", .family(prefix: "note_"), "note NAME from another module"),
        .init("C", "%{NAME}C", "cookie_NAME", .family(prefix: "cookie_"), "request cookie NAME"),
        .init("x", "%{NAME}x", "NAME", .family(prefix: ""), "mod_ssl variable NAME, e.g. SSL_PROTOCOL → ssl_protocol"),
    ]

    private static let byLetter: [UInt8: ApacheDirective] = Dictionary(
        all.map { ($0.letter, $0) }, uniquingKeysWith: { first, _ in first })

    /// The directive written with `letter`, or nil when Apache has none that usage-audit reads.
    static func directive(_ letter: UInt8) -> ApacheDirective? {
        byLetter[letter]
    }

    /// The rows `usage-audit formats` prints for Apache.
    static var descriptions: [TemplateVariableDescription] {
        all.map { TemplateVariableDescription(syntax: "apache", spelling: $0.spelling, field: $0.field, meaning: $0.meaning) }
            + [TemplateVariableDescription(syntax: "apache", spelling: "%%", field: "-", meaning: "a literal '%'")]
    }

    /// `NAME` as a field-name suffix: lower case, every byte other than a letter or digit written `_`.
    static func fieldSuffix(_ name: String) -> String {
        String(decoding: name.utf8.map { byte -> UInt8 in
            let lower = ASCII.lowercased(byte)
            let isAlphanumeric = (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || ASCII.isDigit(lower)
            return isAlphanumeric ? lower : UInt8(ascii: "_")
        }, as: UTF8.self)
    }
}
