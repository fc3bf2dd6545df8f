import GRDB
import GRDBSQLite

extension Database {
    /// `sql` (one statement) prepared on this connection through SQLite's C API, for the
    /// state store's bulk reads and writes; the caller finalizes the statement.
    func cStatement(_ sql: String) throws -> (connection: OpaquePointer, statement: OpaquePointer) {
        guard let connection = sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the database connection is closed")
        }
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &prepared, nil)
        guard code == SQLITE_OK, let prepared else { throw Self.cStatementError(code, connection: connection, sql: sql) }
        return (connection, prepared)
    }

    /// The error of a C API call on `connection` that returned `code`.
    static func cStatementError(_ code: Int32, connection: OpaquePointer, sql: String? = nil) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }
}
