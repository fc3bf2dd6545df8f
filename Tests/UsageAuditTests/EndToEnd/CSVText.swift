import Foundation

/// A strict RFC 4180 reader for the reports: quoted cells, doubled quotes, line breaks
/// inside quotes. Written here so that the tests read CSV the way a spreadsheet would,
/// independently of the tool's writer.
struct CSVText {
    var header: [String]
    var rows: [[String]]

    /// Parses `text`; throws on an unterminated quote, text after a closing quote, or a
    /// row whose cell count differs from the header's.
    init(_ text: String) throws {
        var records: [[String]] = []
        var record: [String] = []
        var cell = ""
        var inQuotes = false
        var afterQuote = false
        var characters = Array(text.unicodeScalars)[...]
        while let scalar = characters.popFirst() {
            if inQuotes {
                if scalar == "\"" {
                    if characters.first == "\"" {
                        characters.removeFirst()
                        cell.unicodeScalars.append("\"")
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    cell.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard cell.isEmpty, !afterQuote else { throw EndToEndFailure("CSV: a quote inside an unquoted cell in record \(records.count + 1)") }
                inQuotes = true
            case ",":
                record.append(cell)
                cell = ""
                afterQuote = false
            case "\n":
                record.append(cell)
                records.append(record)
                record = []
                cell = ""
                afterQuote = false
            case "\r" where characters.first == "\n":
                continue
            default:
                guard !afterQuote else { throw EndToEndFailure("CSV: text after a closing quote in record \(records.count + 1)") }
                cell.unicodeScalars.append(scalar)
            }
        }
        guard !inQuotes else { throw EndToEndFailure("CSV: unterminated quoted cell") }
        if !cell.isEmpty || !record.isEmpty {
            record.append(cell)
            records.append(record)
        }
        guard let first = records.first else { throw EndToEndFailure("CSV: no header line") }
        header = first
        rows = Array(records.dropFirst())
        for (index, row) in rows.enumerated() where row.count != header.count {
            throw EndToEndFailure("CSV: record \(index + 2) has \(row.count) cells, the header \(header.count)")
        }
    }

    /// The rows as dictionaries keyed by column name.
    var records: [[String: String]] {
        rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// Undoes the tool's spreadsheet formula neutralisation (`'=…` → `=…`).
    static func unneutralised(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let second = cell.dropFirst().first, "=+-@\t\r".contains(second) else { return cell }
        return String(cell.dropFirst())
    }
}
