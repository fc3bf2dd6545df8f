/// Where and how to reach one PostgreSQL table: the database (``PostgresServerSettings``, a
/// URL's parts completed from the `PG*` variables) and the URL's `?table=` and `?layout=`.
///
/// The server's settings read as the settings' own (`settings.host`, `settings.password`).
/// The password is kept out of `description`, `debugDescription` and reflection, so printing
/// or dumping the settings never shows it.
@dynamicMemberLookup
struct PostgresConnectionSettings: Sendable, Equatable {
    var server: PostgresServerSettings
    var table: PostgresTableName
    /// The `?layout=` value, if any, passed through for the layouts.
    var layout: String?

    init(url: String, environment: [String: String]) throws(PostgresProfileError) {
        let parts = try PostgresURLComponents(parsing: url)
        server = try PostgresServerSettings(parts: parts, environment: environment)
        guard let tableText = parts.table else { throw .missingTable }
        table = try PostgresTableName(tableText)
        layout = parts.layout
    }

    subscript<Value>(dynamicMember keyPath: KeyPath<PostgresServerSettings, Value>) -> Value {
        server[keyPath: keyPath]
    }

    /// The source as a URL without the password, fit for logs and evidence.
    var displayURL: String {
        server.displayURL(["table=\(table)"]) + (layout.map { "&layout=\($0)" } ?? "")
    }
}
