import GRDB
import GRDBSQLite

/// Inserts many rows of one statement through SQLite's C API: one prepared statement,
/// values bound in place (text without copying), stepped and reset per row. GRDB's
/// `execute(arguments:)` builds an argument array per row, which costs more than SQLite's
/// own insert; the state store writes a run's packed cells and hourly slots this way.
///
/// Use inside a transaction of `database`; deinit finalizes the statement.
final class SQLiteRowWriter {
    private let statement: OpaquePointer
    private let connection: OpaquePointer

    /// Prepares `sql` (one statement) on `database`'s connection.
    init(database: Database, sql: String) throws {
        (connection, statement) = try database.cStatement(sql)
    }

    deinit {
        sqlite3_finalize(statement)
    }

    /// Inserts one row: the texts `user` and `scope` (their bytes, valid during the call) bind
    /// to the first parameters, `blob` to the third.
    func insert(user: UnsafeBufferPointer<UInt8>, scope: UnsafeBufferPointer<UInt8>, blob: [UInt8]) throws {
        try blob.withUnsafeBytes { bytes in
            try insert(user, scope) {
                // SQLITE_STATIC: the bytes stay valid until the reset after the step.
                _ = sqlite3_bind_blob(statement, 3, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), nil)
            }
        }
    }

    /// Inserts one row: the texts `user` and `scope` (their bytes, valid during the call) bind
    /// to the first parameters, `integer` to the third, `blob` to the fourth.
    func insert(user: UnsafeBufferPointer<UInt8>, scope: UnsafeBufferPointer<UInt8>, integer: Int64, blob: [UInt8]) throws {
        try blob.withUnsafeBytes { bytes in
            try insert(user, scope) {
                sqlite3_bind_int64(statement, 3, integer)
                // SQLITE_STATIC: the bytes stay valid until the reset after the step.
                _ = sqlite3_bind_blob(statement, 4, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), nil)
            }
        }
    }

    /// Binds the texts `one` and `two` to the first two parameters and the rest with
    /// `bindRest`, steps once.
    private func insert(_ one: UnsafeBufferPointer<UInt8>, _ two: UnsafeBufferPointer<UInt8>, bindRest: () -> Void) throws {
        // SQLITE_STATIC: the bytes stay valid until the reset below.
        Database.bindText(statement, 1, one)
        Database.bindText(statement, 2, two)
        bindRest()
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        guard code == SQLITE_DONE else { throw Database.cStatementError(code, connection: connection) }
    }
}
