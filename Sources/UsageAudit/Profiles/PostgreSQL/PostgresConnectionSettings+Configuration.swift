import PostgresNIO

extension PostgresConnectionSettings {
    /// postgres-nio's configuration for reading the table.
    ///
    /// The session starts with `default_transaction_read_only=on` (on top of the reader's
    /// `BEGIN READ ONLY`), `application_name=usage-audit`, so a DBA sees who is reading, and
    /// `lock_timeout=10s`, so a table locked by a migration fails the read instead of hanging it.
    func connectionConfiguration() throws(PostgresProfileError) -> PostgresConnection.Configuration {
        try server.connectionConfiguration(startupParameters: [
            ("default_transaction_read_only", "on"),
            ("application_name", "usage-audit"),
            ("lock_timeout", "10s"),
        ])
    }
}
