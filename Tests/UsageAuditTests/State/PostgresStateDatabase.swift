import Foundation
import PostgresNIO
@testable import UsageAudit

/// A database of its own on the PostgreSQL test server for one state-store test, so tests
/// neither see each other's tables nor wait for each other's advisory lock; `drop()` (in a
/// `defer`) removes it.
struct PostgresStateDatabase {
    let name: String
    private let server: PostgresServerSettings

    @available(*, noasync)
    init() throws {
        name = "ua_state_" + UUID().uuidString.prefix(8).lowercased()
        var server = try PostgresTestServer.settings().server
        try PostgresTestServer.execute(["CREATE DATABASE \(name)"])
        server.database = name
        self.server = server
    }

    /// The database's URL with every setting spelled out, and `password` in place of the
    /// server's (nil: the server's).
    func url(password: String? = nil) -> String {
        func encoded(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
        }
        let userInfo = encoded(server.user) + ((password ?? server.password).map { ":" + encoded($0) } ?? "")
        let host = server.usesUnixSocket ? "" : (server.host.contains(":") ? "[\(server.host)]" : server.host)
        var parameters: [String] = []
        if server.usesUnixSocket { parameters.append("host=" + encoded(server.host)) }
        if server.sslMode != .standard { parameters.append("sslmode=" + server.sslMode.rawValue) }
        return "postgres://\(userInfo)@\(host):\(server.port)/\(name)" + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
    }

    /// The server's password, if it has one.
    var password: String? { server.password }

    /// A store on this database, its settings from the URL alone.
    func store() throws -> PostgresStateStore {
        try PostgresStateStore(url: url(), environment: [:])
    }

    /// Runs `sql` in this database and returns its rows.
    @available(*, noasync)
    @discardableResult
    func query(_ sql: String) throws -> [PostgresRow] {
        try PostgresSession.run(configuration(), logger: PostgresProfileReader.silentLogger) { connection in
            try connection.query(PostgresQuery(unsafeSQL: sql), logger: PostgresProfileReader.silentLogger).wait().rows
        }
    }

    /// The one integer `sql` selects.
    @available(*, noasync)
    func integer(_ sql: String) throws -> Int64? {
        try query(sql).first?.decode(Int64?.self) ?? nil
    }

    /// A plain session's configuration on this database.
    func configuration() throws -> PostgresConnection.Configuration {
        try server.connectionConfiguration(startupParameters: [])
    }

    @available(*, noasync)
    func drop() {
        try? PostgresTestServer.execute(["DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
    }
}
