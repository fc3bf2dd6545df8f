/// How the connection uses TLS, with libpq's `sslmode` names and meanings.
///
/// As in libpq, `allow`, `prefer` and `require` encrypt without checking the server's
/// certificate; `verify-ca` checks it against the system's CA store, and `verify-full` also
/// checks the host name. `allow` is treated as `prefer` (TLS when the server offers it).
enum PostgresSSLMode: String, CaseIterable, Sendable {
    case disable
    case allow
    case prefer
    case require
    case verifyCA = "verify-ca"
    case verifyFull = "verify-full"

    /// The mode libpq uses when none is given.
    static let standard = PostgresSSLMode.prefer

    /// Reads an `sslmode` value, refusing unknown ones.
    init(parsing text: String) throws(PostgresProfileError) {
        guard let mode = PostgresSSLMode(rawValue: text) else {
            throw .invalidSSLMode(text)
        }
        self = mode
    }
}
