import Foundation

/// Reads a CSV file of profiles: a header row, then one record per row (RFC 4180).
///
/// * Cells may be quoted (`"a, b"`, `""` for a quote inside) and span lines; rows end with
///   LF or CRLF; a UTF-8 byte-order mark is skipped; blank lines are skipped.
/// * The separator is `,`, or `;` or a tab when the header has no comma but one of those
///   (spreadsheet exports in some locales).
/// * Header names are trimmed and lowercased; every cell becomes `.text` (untrimmed).
/// * Each record's origin is `NAME:LINE`, the line where it starts.
/// - Throws: `malformed` for an unterminated quote, a row with more or fewer cells than the
///   header, an empty or repeated header name.
enum CSVProfileReader {
    static func table(from bytes: [UInt8], name: String) throws(ProfileError) -> ProfileTable {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let separator = separator(in: bytes, from: start)
        var scanner = CSVScanner(bytes: bytes, position: start, separator: separator)
        var header: [String]?
        var rows: [ProfileRow] = []
        while let record = try scanner.nextRecord(name: name) {
            if record.cells.count == 1, record.cells[0].isEmpty { continue }  // blank line
            guard let columns = header else {
                header = try columnNames(record.cells, name: name, line: record.line)
                continue
            }
            guard record.cells.count == columns.count else {
                throw .malformed(
                    origin: "\(name):\(record.line)",
                    reason: "this row has \(record.cells.count) cells but the header has \(columns.count) columns "
                        + "(quote cells that contain '\(Character(UnicodeScalar(separator)))')")
            }
            var values: [String: ProfileValue] = [:]
            for (column, cell) in zip(columns, record.cells) {
                values[column] = .text(cell)
            }
            rows.append(ProfileRow(values: values, origin: "\(name):\(record.line)"))
        }
        return ProfileTable(columns: header ?? [], rows: rows)
    }

    private static func columnNames(_ cells: [String], name: String, line: Int) throws(ProfileError) -> [String] {
        var seen = Set<String>()
        var columns: [String] = []
        for (index, cell) in cells.enumerated() {
            let column = cell.trimmingCharacters(in: .whitespaces).lowercased()
            guard !column.isEmpty else {
                throw .malformed(origin: "\(name):\(line)", reason: "header column \(index + 1) has no name")
            }
            guard seen.insert(column).inserted else {
                throw .malformed(origin: "\(name):\(line)", reason: "the header names the column '\(column)' twice")
            }
            columns.append(column)
        }
        return columns
    }

    /// `,`, unless the first line has none but has `;` or a tab.
    private static func separator(in bytes: [UInt8], from start: Int) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var index = start
        while index < bytes.count, bytes[index] != 0x0A {
            if bytes[index] == 0x2C || bytes[index] == 0x3B || bytes[index] == ASCII.tab {
                counts[bytes[index], default: 0] += 1
            }
            index += 1
        }
        if counts[0x2C] != nil { return 0x2C }
        if counts[0x3B] != nil { return 0x3B }
        if counts[ASCII.tab] != nil { return ASCII.tab }
        return 0x2C
    }
}
