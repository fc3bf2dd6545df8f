import GRDB
import GRDBSQLite

/// Inserts many rows of one statement through SQLite's C API: one prepared statement,
/// values bound in place (text without copying), stepped and reset per row. GRDB's
/// `execute(arguments:)` builds an argument array per row, which costs more than SQLite's
/// own insert; the state store writes a run's cells and hourly slots this way.
///
/// Use inside a transaction of `database`; `finish()` (or deinit) finalizes the statement.
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

    /// Binds `bytes` as text (an empty text, never NULL, when there are none).
    private func bindText(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        if let base = bytes.baseAddress, !bytes.isEmpty {
            UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                _ = sqlite3_bind_text(statement, index, $0, Int32(bytes.count), nil)
            }
        } else {
            // SQLITE_TRANSIENT: SQLite copies the (empty) text at once.
            _ = sqlite3_bind_text(statement, index, "", 0, unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self))
        }
    }

    /// Inserts one row: `texts` bind to the first parameters, `integers` to the ones after.
    func insert(texts: (String, String), integers: (Int64, Int64, Int64, Int64, Int64, Int64)) throws {
        try insert(texts: texts) {
            sqlite3_bind_int64(statement, 3, integers.0)
            sqlite3_bind_int64(statement, 4, integers.1)
            sqlite3_bind_int64(statement, 5, integers.2)
            sqlite3_bind_int64(statement, 6, integers.3)
            sqlite3_bind_int64(statement, 7, integers.4)
            sqlite3_bind_int64(statement, 8, integers.5)
        }
    }

    /// Inserts one row: `texts` bind to the first parameters, `blob` to the third.
    func insert(texts: (String, String), blob: [UInt8]) throws {
        try blob.withUnsafeBytes { bytes in
            try insert(texts: texts) {
                // SQLITE_STATIC: the bytes stay valid until the reset after the step.
                _ = sqlite3_bind_blob(statement, 3, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), nil)
            }
        }
    }

    /// Binds `texts` to the first two parameters and the rest with `bindRest`, steps once.
    private func insert(texts: (String, String), bindRest: () -> Void) throws {
        var first = texts.0
        var second = texts.1
        let code = first.withUTF8 { one in
            second.withUTF8 { two -> Int32 in
                // SQLITE_STATIC: the bytes stay valid until the reset below.
                bindText(1, one)
                bindText(2, two)
                bindRest()
                let stepped = sqlite3_step(statement)
                sqlite3_reset(statement)
                sqlite3_clear_bindings(statement)
                return stepped
            }
        }
        guard code == SQLITE_DONE else { throw Database.cStatementError(code, connection: connection) }
    }
}
