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

    /// Steps `sql` (one statement without parameters) through the C API and calls `body` with
    /// the statement at each row (its values valid until `body` returns).
    func forEachCRow(_ sql: String, _ body: (OpaquePointer) throws -> Void) throws {
        let (connection, statement) = try cStatement(sql)
        defer { sqlite3_finalize(statement) }
        while true {
            let stepped = sqlite3_step(statement)
            if stepped == SQLITE_DONE { return }
            guard stepped == SQLITE_ROW else { throw Self.cStatementError(stepped, connection: connection, sql: sql) }
            try body(statement)
        }
    }

    /// The error of a C API call on `connection` that returned `code`.
    static func cStatementError(_ code: Int32, connection: OpaquePointer, sql: String? = nil) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }

    /// Binds `bytes` as text to parameter `index` of `statement`, without copying them (they
    /// must stay valid until the statement is reset); an empty text, never NULL, when there
    /// are none.
    static func bindText(_ statement: OpaquePointer, _ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        if let base = bytes.baseAddress, !bytes.isEmpty {
            UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                _ = sqlite3_bind_text(statement, index, $0, Int32(bytes.count), nil)
            }
        } else {
            // SQLITE_TRANSIENT: SQLite copies the (empty) text at once.
            _ = sqlite3_bind_text(statement, index, "", 0, unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self))
        }
    }
}
