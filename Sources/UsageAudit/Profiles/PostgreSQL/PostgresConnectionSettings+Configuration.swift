import PostgresNIO

extension PostgresConnectionSettings {
    /// postgres-nio's configuration for these settings.
    ///
    /// The session starts with `default_transaction_read_only=on` (on top of the reader's
    /// `BEGIN READ ONLY`), `application_name=usage-audit`, so a DBA sees who is reading, and
    /// `lock_timeout=10s`, so a table locked by a migration fails the read instead of hanging it.
    /// TLS follows ``PostgresSSLMode``; a Unix socket never uses TLS.
    func connectionConfiguration() throws(PostgresProfileError) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if usesUnixSocket {
            configuration = .init(unixSocketPath: unixSocketPath, username: user, password: password, database: database)
        } else {
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: try tls())
        }
        configuration.options.connectTimeout = .seconds(Int64(connectTimeoutSeconds))
        configuration.options.additionalStartupParameters = [
            ("default_transaction_read_only", "on"),
            ("application_name", "usage-audit"),
            ("lock_timeout", "10s"),
        ]
        return configuration
    }

    private func tls() throws(PostgresProfileError) -> PostgresConnection.Configuration.TLS {
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable: return .disable
        case .allow, .prefer, .require: tlsConfiguration.certificateVerification = .none
        case .verifyCA: tlsConfiguration.certificateVerification = .noHostnameVerification
        case .verifyFull: tlsConfiguration.certificateVerification = .fullVerification
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tlsConfiguration)
        } catch {
            throw .tlsSetupFailed(reason: String(describing: error))
        }
        switch sslMode {
        case .allow, .prefer: return .prefer(context)
        default: return .require(context)
        }
    }
}
