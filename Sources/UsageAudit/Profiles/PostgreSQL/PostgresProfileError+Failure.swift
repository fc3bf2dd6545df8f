import Foundation
import PostgresNIO

extension PostgresProfileError {
    /// Classifies an error from the connection or a query into a case that says what to check.
    ///
    /// PostgreSQL's SQLSTATE codes identify the server's refusals (28P01 wrong password, 3D000
    /// no database, 42P01 no table, 42501 no privilege); network errors become
    /// ``connectionFailed(endpoint:reason:)`` with the system's reason (connection refused,
    /// host not found, timed out). Any server or network text is redacted of the password.
    static func classifying(_ error: any Error, settings: PostgresConnectionSettings) -> PostgresProfileError {
        classifying(error, server: settings.server, table: settings.table.description)
    }

    /// Classifies an error on the database of `server`; `table` names what was being read.
    static func classifying(_ error: any Error, server settings: PostgresServerSettings, table: String) -> PostgresProfileError {
        let endpoint = settings.endpoint
        func redacted(_ text: String) -> String { redacting(settings.password, in: text) }

        if let error = error as? PostgresProfileError { return error }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return .connectionFailed(endpoint: endpoint, reason: "timed out")
        }
        if error is PostgresDecodingError {
            return .queryFailed(table: table, reason: "the server's description of the table could not be decoded")
        }
        guard let error = error as? PSQLError else {
            return .connectionFailed(endpoint: endpoint, reason: redacted(networkReason(error)))
        }
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let message = redacted(error.serverInfo?[.message] ?? "the server refused")
            switch state {
            case "28P01", "28000":
                return .authenticationFailed(user: settings.user, endpoint: endpoint)
            case "3D000":
                return .databaseNotFound(database: settings.database, endpoint: endpoint)
            case "42P01", "3F000":
                return .tableNotFound(table: table, database: settings.database)
            case "42501":
                return .permissionDenied(table: table, user: settings.user)
            case _ where state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57"):
                return .connectionFailed(endpoint: endpoint, reason: message)
            default:
                return .queryFailed(table: table, reason: "\(message) (SQLSTATE \(state))")
            }
        case .authMechanismRequiresPassword:
            return .passwordRequired(user: settings.user, endpoint: endpoint)
        case .unsupportedAuthMechanism:
            return .unsupportedAuthentication(user: settings.user, endpoint: endpoint)
        case .saslError:
            return .authenticationFailed(user: settings.user, endpoint: endpoint)
        case .sslUnsupported:
            return .tlsUnavailable(endpoint: endpoint)
        case .connectionError, .failedToAddSSLHandler:
            let reason = error.underlying.map(networkReason) ?? "the connection failed"
            return .connectionFailed(endpoint: endpoint, reason: redacted(reason))
        case .serverClosedConnection, .uncleanShutdown:
            return .connectionFailed(endpoint: endpoint, reason: "the server closed the connection")
        default:
            return .queryFailed(table: table, reason: "the PostgreSQL client reported \(error.code)")
        }
    }

    /// A short reason for a network-level error: `connection refused`, `host not found`.
    static func networkReason(_ error: any Error) -> String {
        if let error = error as? NIOConnectionError {
            if let failure = error.connectionErrors.first { return networkReason(failure.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "host not found" }
            return "no address to connect to"
        }
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode)).lowercased()
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return "timed out"
        }
        if let error = error as? NIOSSLError {
            return "TLS failed: \(error)"
        }
        return String(describing: error)
    }
}
