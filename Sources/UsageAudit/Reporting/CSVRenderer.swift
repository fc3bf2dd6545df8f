/// CSV quoted as RFC 4180 says (lines end in LF, as Unix tools expect, not CRLF), with
/// spreadsheet formula injection neutralised.
public enum CSVRenderer {
    /// Whether `byte`, first in a cell, makes a spreadsheet read the cell as a formula:
    /// `=`, `+`, `-`, `@`, tab or CR. Compared as bytes, not `Character`s: `"\r\n"` is one
    /// `Character` and would slip past a `Character` set; and not through a `Set`, whose
    /// lookup hashes (every text cell of a report asks).
    @inline(__always)
    static func triggersFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: return true
        default: return false
        }
    }

    public static func render(_ table: ReportTable) -> String {
        OutputFormat.csv.render(table)
    }

    @inline(__always)
    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D
    }

    /// Appends one cell as `cell(_:)` renders it.
    @inline(__always)
    static func write(_ value: ReportValue, to output: inout ReportOutput) {
        switch value {
        case .text(let text): writeText(text, neutralising: true, to: &output)
        case .integer(let number): output.append(number)
        case .decimal(let number): output.append(JSONValue.format(number))
        case .empty: break
        }
    }

    /// Appends `text` neutralised (when asked) and escaped, byte for byte as
    /// `escape(neutralise(text))`.
    static func writeText(_ text: String, neutralising: Bool, to output: inout ReportOutput) {
        var copy = text
        copy.withUTF8 { bytes in
            var quoted = false
            var hasNUL = false
            if EscapeScan.needsCSVCare(bytes) {
                for byte in bytes {
                    if needsQuotes(byte) { quoted = true } else if byte == 0 { hasNUL = true }
                }
            }
            if quoted { output.append(UInt8(ascii: "\"")) }
            if neutralising, let first = bytes.first, triggersFormula(first) { output.append(UInt8(ascii: "'")) }
            if !quoted && !hasNUL {
                output.append(contentsOf: bytes)
                return
            }
            // Runs of bytes kept as they are appended whole; a quote is doubled (in a quoted
            // cell), a NUL replaced.
            var clean = 0
            for (index, byte) in bytes.enumerated() where byte == 0 || (byte == 0x22 && quoted) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean..<index]))
                if byte == 0 {
                    nulSymbol.withUnsafeBufferPointer { output.append(contentsOf: $0) }
                    clean = index + 1
                } else {
                    // The quote itself stays in the next run: written twice.
                    output.append(byte)
                    clean = index
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean...]))
            if quoted { output.append(UInt8(ascii: "\"")) }
        }
    }

    /// What a NUL byte of a text cell is written as: U+2400 SYMBOL FOR NULL. A NUL in a CSV
    /// file stops common readers (Python's `csv`: "line contains NUL"), and user names come
    /// from untrusted logs; `usage.json` keeps it as `\u0000`.
    static let nulSymbol: [UInt8] = Array("\u{2400}".utf8)

    static func cell(_ value: ReportValue) -> String {
        switch value {
        case .text(let text): return escape(neutralise(text))
        case .integer(let number): return String(number)
        case .decimal(let number): return JSONValue.format(number)
        case .empty: return ""
        }
    }

    /// Prefixes `'` to text that a spreadsheet would evaluate (user names come from logs).
    public static func neutralise(_ text: String) -> String {
        guard let first = text.utf8.first, triggersFormula(first) else { return text }
        return "'" + text
    }

    /// Quotes a cell when it holds a comma, quote or line break (a NUL becomes U+2400).
    public static func escape(_ text: String) -> String {
        let text = text.utf8.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: "\u{2400}") : text
        // Bytes again: a `Character` "\r\n" equals neither "\r" nor "\n".
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
