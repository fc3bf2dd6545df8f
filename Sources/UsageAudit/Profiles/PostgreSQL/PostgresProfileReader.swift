import Foundation
import Logging
import PostgresNIO

/// Reads every row of one PostgreSQL table, read-only, as ``ProfileRow``s.
///
/// The source is `postgres://USER:PASSWORD@HOST:PORT/DATABASE?table=TABLE` (or
/// `postgresql://`), completed from the `PG*` variables (see ``PostgresConnectionSettings``).
/// Reading opens one connection whose session defaults to read-only transactions, runs
/// `BEGIN READ ONLY`, looks the table up, selects all its rows (by primary key when it has
/// one) and closes the connection. Each row becomes a ``ProfileRow`` keyed by column name
/// with origin `table TABLE row N` (N from 1).
///
/// The API is synchronous for the synchronous audit pipeline: ``read()`` connects through
/// ``PostgresSession``, which blocks the calling thread until each step is done (and so
/// refuses to be called from an `async` context).
///
/// The password is never logged nor put into an error or a description.
public struct PostgresProfileReader: Sendable {
    let settings: PostgresConnectionSettings
    let logger: Logger

    /// A logger that discards everything: the default, as this library never prints.
    public static let silentLogger = Logger(label: "usage-audit.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Whether `source` is a PostgreSQL URL this reader accepts (`postgres://`, `postgresql://`).
    public static func accepts(_ source: String) -> Bool {
        PostgresURLComponents.isPostgresURL(source)
    }

    /// Parses `url`, completing it from `environment`'s `PG*` variables. Connects to nothing.
    public init(
        url: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = PostgresProfileReader.silentLogger
    ) throws(PostgresProfileError) {
        settings = try PostgresConnectionSettings(url: url, environment: environment)
        self.logger = logger
    }

    /// The table read, as written in the URL: `api_userapiprofile`, `public.profiles`.
    public var table: PostgresTableName { settings.table }

    /// The `?layout=` value of the URL, if any.
    public var layout: String? { settings.layout }

    /// The source as a URL without its password, for logs and evidence.
    public var displaySource: String { settings.displayURL }

    /// Connects, reads every row of the table in a read-only transaction, and disconnects.
    @available(*, noasync, message: "read() blocks its thread; call it from synchronous code")
    public func read() throws(PostgresProfileError) -> [ProfileRow] {
        let configuration = try settings.connectionConfiguration()
        do {
            return try PostgresSession.run(configuration, logger: logger) { connection in
                try readRows(on: connection)
            }
        } catch {
            throw PostgresProfileError.classifying(error, settings: settings)
        }
    }

    @available(*, noasync, message: "blocks its thread on the connection's event loop")
    private func readRows(on connection: PostgresConnection) throws -> [ProfileRow] {
        let table = settings.table
        _ = try connection.query("BEGIN READ ONLY", logger: logger).wait()
        guard try PostgresTableSchema.tableExists(table, on: connection, logger: logger) else {
            throw PostgresProfileError.tableNotFound(table: table.description, database: settings.database)
        }
        let schema = try PostgresTableSchema.load(table, on: connection, logger: logger)
        let result = try connection.query(
            PostgresQuery(unsafeSQL: schema.selectStatement(for: table)), logger: logger
        ).wait()
        var rows: [ProfileRow] = []
        for (index, row) in result.enumerated() {
            var values: [String: ProfileValue] = [:]
            for (cell, column) in zip(row, schema.columns) {
                guard let value = PostgresCellDecoder.value(of: cell, column: column) else {
                    throw PostgresProfileError.unreadableValue(table: table.description, row: index + 1, column: column.name)
                }
                values[column.name] = value
            }
            rows.append(ProfileRow(values: values, origin: "table \(table) row \(index + 1)"))
        }
        _ = try connection.query("COMMIT", logger: logger).wait()
        return rows
    }
}
