import Foundation
import PostgresNIO
@testable import UsageAudit

/// The PostgreSQL server the live tests use, and a writable connection to set tables up.
///
/// It is configured by `USAGE_AUDIT_POSTGRES_URL` (a `postgres://` URL without `?table=`) or
/// by the `PG*` variables that `scripts/postgres-test-server start` prints; without either
/// the live tests are skipped, unless `USAGE_AUDIT_REQUIRE_POSTGRES=1` says they must run.
/// The server must ask for passwords on TCP (the script's cluster does).
enum PostgresTestServer {
    static let environment = ProcessInfo.processInfo.environment

    /// The URL the tests extend with `?table=`: the configured one, or one that takes
    /// everything from the `PG*` variables.
    static var baseURL: String? {
        if let url = environment["USAGE_AUDIT_POSTGRES_URL"], !url.isEmpty { return url }
        if let host = environment["PGHOST"], !host.isEmpty { return "postgres://" }
        return nil
    }

    static var isConfigured: Bool { baseURL != nil }
    static var isRequired: Bool { environment["USAGE_AUDIT_REQUIRE_POSTGRES"] == "1" }

    /// The configured URL with `table` (and further `key=value` pairs) appended.
    static func url(table: String, _ parameters: String...) -> String {
        let base = baseURL ?? "postgres://"
        let separator = base.contains("?") ? "&" : "?"
        return base + separator + (["table=\(table)"] + parameters).joined(separator: "&")
    }

    /// The connection settings of the configured server.
    static func settings() throws -> PostgresConnectionSettings {
        try PostgresConnectionSettings(url: url(table: "unused"), environment: environment)
    }

    /// A URL that spells every setting out in its authority and path, with `password` in
    /// place of the configured one (nil: no password) and `extra` query parameters.
    static func explicitURL(table: String, password: String?, database: String? = nil, user: String? = nil, _ extra: String...) throws -> String {
        let server = try settings()
        func encoded(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
        }
        let userInfo = encoded(user ?? server.user) + (password.map { ":" + encoded($0) } ?? "")
        let host = server.usesUnixSocket ? "" : (server.host.contains(":") ? "[\(server.host)]" : server.host)
        var url = "postgres://\(userInfo)@\(host):\(server.port)/\(encoded(database ?? server.database))?table=\(table)"
        if server.usesUnixSocket { url += "&host=" + encoded(server.host) }
        if server.sslMode != .standard { url += "&sslmode=" + server.sslMode.rawValue }
        return ([url] + extra).joined(separator: "&")
    }

    /// Runs `statements` in order on a fresh writable connection.
    @available(*, noasync)
    static func execute(_ statements: [String]) throws {
        var configuration = try settings().connectionConfiguration()
        configuration.options.additionalStartupParameters = []
        let logger = PostgresProfileReader.silentLogger
        let connection = try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger
        ).wait()
        defer { try? connection.close().wait() }
        for statement in statements {
            _ = try connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).wait()
        }
    }
}
