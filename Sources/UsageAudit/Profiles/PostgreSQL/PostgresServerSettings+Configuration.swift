import PostgresNIO

extension PostgresServerSettings {
    /// postgres-nio's configuration for these settings, the session started with
    /// `startupParameters` (run-time settings such as `application_name`).
    ///
    /// TLS follows ``PostgresSSLMode``; a Unix socket never uses TLS.
    func connectionConfiguration(startupParameters: [(String, String)]) throws(PostgresProfileError) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if usesUnixSocket {
            configuration = .init(unixSocketPath: unixSocketPath, username: user, password: password, database: database)
        } else {
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: try tls())
        }
        configuration.options.connectTimeout = .seconds(Int64(connectTimeoutSeconds))
        configuration.options.additionalStartupParameters = startupParameters
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
