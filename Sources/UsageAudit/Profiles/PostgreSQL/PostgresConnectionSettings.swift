/// Where and how to reach one PostgreSQL table: a URL's parts completed from the `PG*` variables.
///
/// Each setting comes from the URL when it has it, else from libpq's environment variable
/// (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`), else from libpq's
/// default: host `localhost`, port 5432, the login's user name (`USER`, `LOGNAME`), a
/// database named like the user, `sslmode=prefer`. A host that starts with `/` is a Unix
/// socket directory. `~/.pgpass` and service files are not read.
///
/// The password is kept out of `description`, `debugDescription` and reflection, so printing
/// or dumping the settings never shows it.
struct PostgresConnectionSettings: Sendable, Equatable {
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var table: PostgresTableName
    var sslMode: PostgresSSLMode
    /// The `?layout=` value, if any, passed through for the layouts.
    var layout: String?
    /// How long to wait for the connection, in seconds (`?connect_timeout=`; default 10).
    var connectTimeoutSeconds: Int

    static let defaultHost = "localhost"
    static let defaultPort = 5432

    init(url: String, environment: [String: String]) throws(PostgresProfileError) {
        let parts = try PostgresURLComponents(parsing: url)
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
        guard let tableText = parts.table else { throw .missingTable }
        table = try PostgresTableName(tableText)
        sslMode = try (parts.sslMode ?? variable("PGSSLMODE")).map { (text) throws(PostgresProfileError) in
            try PostgresSSLMode(parsing: text)
        } ?? .standard
        layout = parts.layout
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

    /// The source as a URL without the password, fit for logs and evidence.
    var displayURL: String {
        let hostText = usesUnixSocket ? "" : (host.contains(":") ? "[\(host)]" : host)
        var text = "postgres://\(user)@\(hostText):\(port)/\(database)?table=\(table)"
        if usesUnixSocket { text += "&host=\(host)" }
        if sslMode != .standard { text += "&sslmode=\(sslMode.rawValue)" }
        if let layout { text += "&layout=\(layout)" }
        return text
    }
}
