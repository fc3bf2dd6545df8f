import Foundation

/// Why a PostgreSQL profile table could not be read.
///
/// Every description says what to check. None of them ever contains the password: the
/// cases carry only the user, the endpoint, the database and the table, and text that comes
/// from the server or the network layer is passed through ``redacting(_:in:)`` first.
public enum PostgresProfileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The source is not a `postgres://` or `postgresql://` URL, or one of its parts is malformed.
    case invalidURL(reason: String)
    /// The URL names no table: `?table=NAME` is required.
    case missingTable
    /// The table name is not `name` or `schema.name` made of letters, digits, `_` and `$`.
    case invalidTableName(String)
    /// `sslmode` (or `PGSSLMODE`) has a value this reader does not know.
    case invalidSSLMode(String)
    /// Neither the URL, `PGUSER` nor `USER` names a database user.
    case missingUser
    /// The TLS context for `sslmode=require` or stricter could not be made.
    case tlsSetupFailed(reason: String)
    /// No connection could be made to the server (refused, unreachable, timed out, closed).
    case connectionFailed(endpoint: String, reason: String)
    /// `sslmode=require` (or stricter) was asked for but the server does not offer TLS.
    case tlsUnavailable(endpoint: String)
    /// The server rejected the user name or password.
    case authenticationFailed(user: String, endpoint: String)
    /// The server asks for a password and none was given.
    case passwordRequired(user: String, endpoint: String)
    /// The server asks for an authentication method this reader cannot speak.
    case unsupportedAuthentication(user: String, endpoint: String)
    /// The server has no database of that name.
    case databaseNotFound(database: String, endpoint: String)
    /// The database has no table or view of that name (in the search path, or in the schema named).
    case tableNotFound(table: String, database: String)
    /// The user may not read the table.
    case permissionDenied(table: String, user: String)
    /// A value in the table could not be decoded.
    case unreadableValue(table: String, row: Int, column: String)
    /// The server reported another error while reading the table.
    case queryFailed(table: String, reason: String)

    public var description: String {
        switch self {
        case .invalidURL(let reason):
            return "The PostgreSQL profile source is not a valid URL: \(reason). "
                + "Write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE?table=TABLE "
                + "(percent-encode @, :, /, ? and # inside the user name or password, e.g. %40 for @)."
        case .missingTable:
            return "The PostgreSQL profile source names no table: add ?table=TABLE "
                + "(or ?table=SCHEMA.TABLE) to the URL."
        case .invalidTableName(let name):
            return "The table name '\(name)' is not allowed: use NAME or SCHEMA.NAME with only "
                + "ASCII letters, digits, '_' and '$', starting with a letter or '_' "
                + "(at most 63 characters per part)."
        case .invalidSSLMode(let mode):
            return "sslmode '\(mode)' is not known: use disable, allow, prefer, require, "
                + "verify-ca or verify-full (in the URL or in PGSSLMODE)."
        case .missingUser:
            return "No PostgreSQL user is given: put it in the URL (postgres://USER@HOST/DATABASE) "
                + "or set PGUSER."
        case .tlsSetupFailed(let reason):
            return "Could not prepare TLS for the PostgreSQL connection (\(reason)): check the "
                + "system's CA certificates, or use sslmode=disable on a trusted network."
        case .connectionFailed(let endpoint, let reason):
            return "Could not connect to PostgreSQL at \(endpoint) (\(reason)): check that the "
                + "server is running and accepts connections on that host and port "
                + "(the URL, or PGHOST and PGPORT), and that no firewall blocks it."
        case .tlsUnavailable(let endpoint):
            return "The PostgreSQL server at \(endpoint) does not offer TLS but sslmode asks for it: "
                + "enable ssl on the server, or use sslmode=prefer or sslmode=disable."
        case .authenticationFailed(let user, let endpoint):
            return "PostgreSQL at \(endpoint) rejected the login of user '\(user)': check the user "
                + "name and password (in the URL, or PGUSER and PGPASSWORD) and the server's pg_hba.conf."
        case .passwordRequired(let user, let endpoint):
            return "PostgreSQL at \(endpoint) asks for a password for user '\(user)' and none was "
                + "given: put it in the URL (postgres://USER:PASSWORD@…) or set PGPASSWORD."
        case .unsupportedAuthentication(let user, let endpoint):
            return "PostgreSQL at \(endpoint) asks user '\(user)' for an authentication method this "
                + "tool cannot use: allow scram-sha-256, md5 or password for it in pg_hba.conf."
        case .databaseNotFound(let database, let endpoint):
            return "PostgreSQL at \(endpoint) has no database '\(database)': check the database name "
                + "(the URL's path, or PGDATABASE)."
        case .tableNotFound(let table, let database):
            return "Database '\(database)' has no table or view '\(table)': check ?table= "
                + "(names are case-sensitive here; write SCHEMA.TABLE for a table outside the search path)."
        case .permissionDenied(let table, let user):
            return "User '\(user)' may not read table '\(table)': grant it SELECT on the table "
                + "(and USAGE on its schema), or connect as a user who may."
        case .unreadableValue(let table, let row, let column):
            return "Could not decode column '\(column)' of table \(table) row \(row): the server sent "
                + "a value that does not match its declared type."
        case .queryFailed(let table, let reason):
            return "Reading table '\(table)' failed: \(reason). The server's message says what "
                + "to fix; its log has the details."
        }
    }

    /// Returns `text` with every occurrence of `password` replaced by `***`.
    ///
    /// Applied to any text this reader did not write itself (server messages, network errors)
    /// before it goes into an error, so that not even an echo of the password can leak.
    static func redacting(_ password: String?, in text: String) -> String {
        guard let password, !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "***")
    }
}
