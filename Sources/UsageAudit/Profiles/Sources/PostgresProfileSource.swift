/// A PostgreSQL table of profiles, as `--profiles postgres://…?table=T` names it.
///
/// Only parsed here; a PostgreSQL reader (given to `ProfileStore.load`) connects with
/// `url` or `connectionURL` (credentials from the URL or the standard `PG*` environment
/// variables) and runs `SELECT * FROM <quotedTable>` read-only. Never show `url` or
/// `connectionURL`: they may hold a password. `description` is the masked form.
public struct PostgresProfileSource: Hashable, Sendable, CustomStringConvertible {
    /// The source exactly as given, `table` and `layout` parameters included (what
    /// `PostgresProfileReader(url:)` takes). May hold a password.
    public var url: String
    /// The URL without usage-audit's own parameters (`table`, `layout`); other parameters
    /// (`sslmode=require`, …) are kept for the driver. May hold a password.
    public var connectionURL: String
    /// The table, optionally schema-qualified (`public.api_userapiprofile`): letters,
    /// digits, `_` and `$` only, checked on parsing.
    public var table: String

    public init(url: String, connectionURL: String, table: String) {
        self.url = url
        self.connectionURL = connectionURL
        self.table = table
    }

    /// The table quoted for SQL: `"public"."api_userapiprofile"`.
    public var quotedTable: String {
        table.split(separator: ".").map { "\"\($0)\"" }.joined(separator: ".")
    }

    /// The URL with its password masked, and the table.
    public var description: String {
        ConnectionString.masked(connectionURL) + " table \(table)"
    }
}
