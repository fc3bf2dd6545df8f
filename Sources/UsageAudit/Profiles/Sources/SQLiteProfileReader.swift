import Foundation
import GRDB

/// Reads a table (or view) of an SQLite database, read-only.
///
/// The database is opened with `SQLITE_OPEN_READONLY` (GRDB's `readonly` configuration),
/// so a missing file is never created and nothing is ever written; a missing file is
/// refused before SQLite is asked. The table name is checked against the database's
/// tables and views, then read with `SELECT * FROM "T"` (the name was already checked to
/// be an identifier). Cells: `NULL` → `.null`, integers → `.integer`, reals → `.number`,
/// text and blobs → `.text`. Origins: `table T row N` (1-based, in rowid order for tables).
enum SQLiteProfileReader {
    static func table(path: String, table: String, source: String) throws(ProfileError) -> ProfileTable {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(source: source, reason: "the database file does not exist (it is never created): check the path")
        }
        guard !isDirectory.boolValue else {
            throw .unreadable(source: source, reason: "it is a directory, not an SQLite database file")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "usage-audit profiles"
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw .unreadable(source: source, reason: reason(error))
        }
        do {
            return try queue.read { database in
                let available = try String.fetchAll(
                    database, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
                guard let actual = available.first(where: { $0.lowercased() == table.lowercased() }) else {
                    throw ProfileError.missingTable(
                        source: source, table: table, available: available.filter { !$0.hasPrefix("sqlite_") })
                }
                return try read(database, table: actual)
            }
        } catch let error as ProfileError {
            throw error
        } catch {
            throw .unreadable(source: source, reason: reason(error))
        }
    }

    private static func read(_ database: Database, table: String) throws -> ProfileTable {
        let statement = try database.makeStatement(sql: "SELECT * FROM \"\(table)\"")
        let columns = statement.columnNames
        var rows: [ProfileRow] = []
        let cursor = try Row.fetchCursor(statement)
        var number = 0
        while let row = try cursor.next() {
            number += 1
            var values: [String: ProfileValue] = [:]
            for (column, value) in zip(columns, row.databaseValues) {
                values[column] = profileValue(value)
            }
            rows.append(ProfileRow(values: values, origin: "table \(table) row \(number)"))
        }
        return ProfileTable(columns: columns, rows: rows)
    }

    private static func profileValue(_ value: DatabaseValue) -> ProfileValue {
        switch value.storage {
        case .null: return .null
        case .int64(let number): return .integer(number)
        case .double(let number): return .number(number)
        case .string(let text): return .text(text)
        case .blob(let data): return .text(String(decoding: data, as: UTF8.self))
        }
    }

    /// SQLite's own words for what went wrong (`file is not a database`), with what to check.
    private static func reason(_ error: any Error) -> String {
        let words: String
        if let error = error as? DatabaseError {
            words = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        } else {
            words = String(describing: error)
        }
        return "SQLite says '\(words)': check that the path names an SQLite database you may read"
    }
}
