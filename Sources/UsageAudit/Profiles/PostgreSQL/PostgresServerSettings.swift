/// Where and how to reach one PostgreSQL database: a URL's parts completed from the `PG*`
/// variables. Shared by the profile reader (which adds a table) and the state store.
///
/// Each setting comes from the URL when it has it, else from libpq's environment variable
/// (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`), else from libpq's
/// default: host `localhost`, port 5432, the login's user name (`USER`, `LOGNAME`), a
/// database named like the user, `sslmode=prefer`. A host that starts with `/` is a Unix
/// socket directory. `~/.pgpass` and service files are not read.
///
/// The password is kept out of `description`, `debugDescription` and reflection, so printing
/// or dumping the settings never shows it.
struct PostgresServerSettings: Sendable, Equatable {
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var sslMode: PostgresSSLMode
    /// How long to wait for the connection, in seconds (`?connect_timeout=`; default 10).
    var connectTimeoutSeconds: Int

    static let defaultHost = "localhost"
    static let defaultPort = 5432

    /// Completes the URL's `parts` from `environment`.
    init(parts: PostgresURLComponents, environment: [String: String]) throws(PostgresProfileError) {
        func variable(_ name: String) -> String? {
            environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        host = parts.host ?? variable("PGHOST") ?? Self.defaultHost
        if let port = parts.port {
            self.port = port
        } else if let text = variable("PGPORT") {
            guard let port = Int(text), (1...65_535).contains(port) else {
                throw .invalidURL(reason: "PGPORT is not a number from 1 to 65535")
            }
            self.port = port
        } else {
            port = Self.defaultPort
        }
        guard let user = parts.user ?? variable("PGUSER") ?? variable("USER") ?? variable("LOGNAME") else {
            throw .missingUser
        }
        self.user = user
        password = parts.password ?? variable("PGPASSWORD")
        database = parts.database ?? variable("PGDATABASE") ?? user
        sslMode = try (parts.sslMode ?? variable("PGSSLMODE")).map { (text) throws(PostgresProfileError) in
            try PostgresSSLMode(parsing: text)
        } ?? .standard
        connectTimeoutSeconds = parts.connectTimeoutSeconds ?? 10
    }

    /// Whether `host` names a Unix socket directory rather than a network host.
    var usesUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file PostgreSQL listens on in the directory `host`.
    var unixSocketPath: String { "\(host)/.s.PGSQL.\(port)" }

    /// `host:port`, `[::1]:port` or the socket path: where the server was expected.
    var endpoint: String {
        if usesUnixSocket { return unixSocketPath }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The database as a URL without the password, followed by its query parameters (the
    /// socket directory, a non-default `sslmode`) and `extra` ones, joined by `&`.
    func displayURL(_ extra: [String] = []) -> String {
        let hostText = usesUnixSocket ? "" : (host.contains(":") ? "[\(host)]" : host)
        var parameters = extra
        if usesUnixSocket { parameters.append("host=\(host)") }
        if sslMode != .standard { parameters.append("sslmode=\(sslMode.rawValue)") }
        let query = parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&")
        return "postgres://\(user)@\(hostText):\(port)/\(database)\(query)"
    }
}
