import PostgresNIO

extension PostgresStateStore {
    /// `error` from connecting or from a statement as a `StateError` that says what to check.
    ///
    /// Connection refused, an unknown host, a rejected password or a missing database are
    /// told as the profile reader tells them; a missing privilege, a read-only server and a
    /// lock held too long by another run get their own reasons; any other refusal quotes the
    /// server. Text from the server or the network is redacted of the password.
    func failure(_ error: any Error) -> StateError {
        if let error = error as? StateError { return error }
        func unavailable(_ reason: String) -> StateError {
            .unavailable(store: description, reason: PostgresProfileError.redacting(settings.password, in: reason))
        }
        if let error = error as? PostgresDecodingError {
            return unavailable("column \(error.columnName) holds a value of another type than usage-audit wrote: were the audit_* tables changed by hand?")
        }
        if let error = error as? PSQLError, error.code == .server, let state = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? "the server refused"
            switch state {
            case "42501":
                return unavailable("\(message): user '\(settings.user)' needs CONNECT on the database, and either CREATE on the schema (to make the audit_* tables) or SELECT, INSERT, UPDATE, DELETE on the audit_* tables and USAGE on their sequences")
            case "55P03":
                return unavailable("another run has been writing the store for over a minute (\(message)): try again when it ends")
            case "25006":
                return unavailable("\(message): connect to the primary server, as a user whose sessions may write")
            case "3F000":
                return unavailable("\(message): the user's search_path names no existing schema; create one, or ALTER ROLE \(settings.user) SET search_path = a schema it may use")
            case "53100":
                return unavailable("\(message): the database server's disk is full")
            case _ where state.hasPrefix("28") || state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57") || state == "3D000":
                break  // told below, as for profile sources
            default:
                return unavailable("\(message) (SQLSTATE \(state))")
            }
        }
        let classified = PostgresProfileError.classifying(error, server: settings, table: "audit_*")
        switch classified {
        case .connectionFailed, .tlsUnavailable, .tlsSetupFailed, .authenticationFailed, .passwordRequired,
             .unsupportedAuthentication, .databaseNotFound:
            return unavailable(classified.description)
        default:
            if let error = error as? PSQLError { return unavailable("the PostgreSQL client reported \(error.code)") }
            return unavailable(String(describing: error))
        }
    }

    /// Why a `--state` URL cannot be used, for `StateError.badLocation`.
    static func locationReason(_ error: PostgresProfileError) -> String {
        switch error {
        case .invalidURL(let reason):
            return "not a valid PostgreSQL URL (\(reason)): write postgres://USER:PASSWORD@HOST:PORT/DATABASE, "
                + "percent-encoding @, :, /, ? and # inside the user name or password (e.g. %40 for @)"
        default:
            return error.description
        }
    }
}
