import Foundation

/// The parts of a `postgres://` / `postgresql://` URL, percent-decoded, each nil when absent.
///
/// The shape is libpq's: `postgres://USER:PASSWORD@HOST:PORT/DATABASE?key=value&…`, with an
/// IPv6 host in brackets and a Unix socket directory as a percent-encoded host (`%2Frun%2Fpostgresql`)
/// or as `?host=/run/postgresql`. Query keys: `table`, `layout` (kept for the layouts, unused
/// here), `sslmode`, `connect_timeout` (seconds), `application_name` (ignored), and libpq's
/// `host`, `port`, `user`, `password`, `dbname`, which override the parts before the `?`.
/// Any other key is refused, so that a typo (`?tabel=`) is not silently ignored. Reasons given for a malformed URL quote no part of it that could
/// hold the password, even when a `/`, `?` or `#` in the password was left unencoded.
struct PostgresURLComponents: Equatable, Sendable {
    var user: String?
    var password: String?
    var host: String?
    var port: Int?
    var database: String?
    var table: String?
    var layout: String?
    var sslMode: String?
    var connectTimeoutSeconds: Int?

    static let schemes = ["postgres://", "postgresql://"]
    static let queryKeys = [
        "table", "layout", "sslmode", "host", "port", "user", "password", "dbname", "connect_timeout", "application_name",
    ]

    /// Whether `text` starts like a PostgreSQL URL (so a caller can route it here).
    static func isPostgresURL(_ text: String) -> Bool {
        schemes.contains { text.lowercased().hasPrefix($0) }
    }

    init(parsing url: String) throws(PostgresProfileError) {
        guard let scheme = Self.schemes.first(where: { url.lowercased().hasPrefix($0) }) else {
            throw .invalidURL(reason: "it must start with postgres:// or postgresql://")
        }
        let rest = url.dropFirst(scheme.count)
        let beforeQuery = rest.prefix { $0 != "?" }
        let query = rest.dropFirst(beforeQuery.count + 1)
        let authority = beforeQuery.prefix { $0 != "/" }
        let path = beforeQuery.dropFirst(authority.count + 1)

        var hostPort = authority[...]
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            let userPart = userInfo.prefix { $0 != ":" }
            user = try Self.decode(userPart, naming: "user name")
            if userPart.endIndex < userInfo.endIndex {
                password = try Self.decode(userInfo[userInfo.index(after: userPart.endIndex)...], naming: "password")
            }
        }
        try readHostAndPort(hostPort)
        if path.contains("/") {
            throw .invalidURL(reason: "the database name contains '/'")
        }
        database = try Self.decode(path, naming: "database name")
        try readQuery(query)
    }

    private mutating func readHostAndPort(_ text: Substring) throws(PostgresProfileError) {
        if text.contains(",") {
            throw .invalidURL(reason: "several hosts are not supported; name one")
        }
        var portText: Substring = ""
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw .invalidURL(reason: "an IPv6 address has no closing ']'")
            }
            host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else {
                throw .invalidURL(reason: "unexpected text after the IPv6 address")
            }
            portText = after.dropFirst()
        } else {
            let hostPart = text.prefix { $0 != ":" }
            host = try Self.decode(hostPart, naming: "host")
            portText = text.dropFirst(hostPart.count + 1)
        }
        if !portText.isEmpty { port = try Self.port(portText) }
    }

    private mutating func readQuery(_ query: Substring) throws(PostgresProfileError) {
        for pair in query.split(separator: "&") {
            let keyPart = pair.prefix { $0 != "=" }
            let key = try Self.decode(keyPart, naming: "query parameter name") ?? ""
            let value = try Self.decode(pair.dropFirst(keyPart.count + 1), naming: "value of '\(key)'")
            switch key {
            case "table": table = value
            case "layout": layout = value
            case "sslmode": sslMode = value
            case "host": host = value
            case "port": port = try value.map { (text) throws(PostgresProfileError) in try Self.port(text[...]) }
            case "user": user = value
            case "password": password = value
            case "dbname": database = value
            case "connect_timeout":
                guard let text = value, let seconds = Int(text), seconds > 0, seconds <= 3600 else {
                    throw .invalidURL(reason: "connect_timeout is not a number of seconds from 1 to 3600")
                }
                connectTimeoutSeconds = seconds
            case "application_name": break  // the reader always names itself usage-audit
            default:
                // A '?' left unencoded in a password puts the password's tail here; quote the
                // key only when nothing of the user information can have leaked into the query.
                let shown = query.contains("@") ? "" : " '\(key)'"
                throw .invalidURL(reason: "unknown parameter\(shown) (known: \(Self.queryKeys.joined(separator: ", ")))")
            }
        }
    }

    /// Percent-decodes one part; an empty part is nil.
    private static func decode(_ part: Substring, naming name: String) throws(PostgresProfileError) -> String? {
        guard !part.isEmpty else { return nil }
        guard let decoded = String(part).removingPercentEncoding else {
            throw .invalidURL(reason: "the \(name) is not valid percent-encoding")
        }
        return decoded
    }

    private static func port(_ text: Substring) throws(PostgresProfileError) -> Int {
        guard text.allSatisfy(\.isASCII), let port = Int(text), (1...65_535).contains(port) else {
            throw .invalidURL(reason: "the port is not a number from 1 to 65535")
        }
        return port
    }
}
