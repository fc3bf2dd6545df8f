import PostgresNIO

/// The columns and primary key of the profile table, read from the catalog, and the query
/// that selects its rows.
///
/// The table is looked up with `to_regclass`, which follows the search path like a query
/// would and answers NULL (rather than failing) when there is no such table or view. Rows
/// are ordered by the primary key when there is one, so `row N` in an origin names the same
/// row on every run.
struct PostgresTableSchema: Sendable {
    var columns: [PostgresColumn]
    var primaryKey: [String]

    /// `SELECT … FROM "schema"."table" ORDER BY …` for `table`.
    func selectStatement(for table: PostgresTableName) -> String {
        var sql = "SELECT " + columns.map(\.selectExpression).joined(separator: ", ") + " FROM " + table.quoted
        if !primaryKey.isEmpty {
            sql += " ORDER BY " + primaryKey.map(PostgresTableName.quote).joined(separator: ", ")
        }
        return sql
    }

    /// Whether `table` exists as a relation the search path or its schema reaches.
    @available(*, noasync, message: "blocks its thread on the connection's event loop")
    static func tableExists(_ table: PostgresTableName, on connection: PostgresConnection, logger: Logger) throws -> Bool {
        let result = try connection.query(
            "SELECT to_regclass(\(table.quoted))::oid::int8", logger: logger
        ).wait()
        return result.first?.makeRandomAccess()[0].bytes != nil
    }

    /// Reads the columns (in table order) and the primary key of `table`, which must exist.
    @available(*, noasync, message: "blocks its thread on the connection's event loop")
    static func load(_ table: PostgresTableName, on connection: PostgresConnection, logger: Logger) throws -> Self {
        let columnRows = try connection.query(
            """
            SELECT a.attname::text,
                   (CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END)::int8
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = to_regclass(\(table.quoted)) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """,
            logger: logger
        ).wait()
        let columns = try columnRows.map { row in
            let (name, oid) = try row.decode((String, Int64).self)
            return PostgresColumn(name: name, typeOID: UInt32(truncatingIfNeeded: oid))
        }
        let keyRows = try connection.query(
            """
            SELECT a.attname::text
            FROM pg_catalog.pg_index i
            JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = to_regclass(\(table.quoted)) AND i.indisprimary
            ORDER BY array_position(i.indkey::int2[], a.attnum)
            """,
            logger: logger
        ).wait()
        let primaryKey = try keyRows.map { row in try row.decode(String.self) }
        return PostgresTableSchema(columns: columns, primaryKey: primaryKey)
    }
}
