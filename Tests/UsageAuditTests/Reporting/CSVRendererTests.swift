import Testing
@testable import UsageAudit

@Suite("CSVRenderer")
struct CSVRendererTests {
    private func render(_ row: [ReportValue]) -> String {
        let table = ReportTable(columns: row.indices.map { "c\($0)" }, rows: [row])
        let text = CSVRenderer.render(table)
        // Drop the header line.
        return String(text.drop(while: { $0 != "\n" }).dropFirst())
    }

    @Test("a header line and one line per row, each ending in a newline")
    func layout() {
        let table = ReportTable(columns: ["user", "requests"], rows: [[.text("alice"), .integer(3)], [.text("bob"), .integer(0)]])
        #expect(CSVRenderer.render(table) == "user,requests\nalice,3\nbob,0\n")
        #expect(CSVRenderer.render(ReportTable(columns: ["a", "b"])) == "a,b\n")
    }

    @Test("text that a spreadsheet would evaluate gets a leading quote", arguments: [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("\rx", "\"'\rx\""),
        ("\r\n=x", "\"'\r\n=x\""),
    ])
    func neutralised(text: String, expected: String) {
        #expect(render([.text(text)]) == expected + "\n")
    }

    @Test("only =, +, -, @, tab and CR first in a cell are formula triggers, in the text and the streamed renderer alike")
    func everyFirstByte() {
        let triggers: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]
        for byte in UInt8(0)...0x7F {
            let text = String(decoding: [byte, 0x61], as: UTF8.self)
            #expect((CSVRenderer.neutralise(text) != text) == triggers.contains(byte), "byte \(byte)")
            var output = ReportOutput()
            CSVRenderer.writeText(text, neutralising: true, to: &output)
            #expect(output.text == CSVRenderer.cell(.text(text)), "byte \(byte)")
        }
    }

    @Test("harmless text is kept as is", arguments: ["alice", "a=b", "a-b", "key:abc…", "ip:::1", "Zoë", " =x", "'quoted", "", "2026-11-21T00:00:00+01:00"])
    func harmless(text: String) {
        #expect(render([.text(text)]) == text + "\n")
    }

    @Test("numbers are never neutralised, even negative ones")
    func numbers() {
        #expect(render([.integer(-5), .integer(0), .integer(Int64.min), .decimal(-1.5), .decimal(0.25)]) == "-5,0,-9223372036854775808,-1.5,0.25\n")
    }

    @Test("empty cells are empty")
    func emptyCells() {
        #expect(render([.text("a"), .empty, .empty]) == "a,,\n")
    }

    @Test("commas, quotes and line breaks are quoted, quotes doubled", arguments: [
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("crlf\r\nline", "\"crlf\r\nline\""),
        ("cr\rline", "\"cr\rline\""),
        ("\"", "\"\"\"\""),
    ])
    func quoting(text: String, expected: String) {
        #expect(render([.text(text)]) == expected + "\n")
    }

    @Test("a NUL byte is written as U+2400, which CSV readers take (Python's csv stops at a NUL)", arguments: [
        ("a\u{0}b", "a\u{2400}b"),
        ("x,\u{0}\"", "\"x,\u{2400}\"\"\""),
        ("\u{0}", "\u{2400}"),
    ])
    func nul(text: String, expected: String) {
        #expect(render([.text(text)]) == expected + "\n")
        #expect(CSVRenderer.escape(text) == expected)
    }

    @Test("column names are escaped but not neutralised")
    func header() {
        let table = ReportTable(columns: ["a,b", "-x"], rows: [])
        #expect(CSVRenderer.render(table) == "\"a,b\",-x\n")
    }

    @Test("every rendered line has as many cells as there are columns")
    func cellCount() {
        let nasty: [ReportValue] = [.text("a,\"b\"\nc"), .text("=1,2"), .integer(-1), .empty, .text("\r\n")]
        let text = CSVRenderer.render(ReportTable(columns: ["1", "2", "3", "4", "5"], rows: [nasty, nasty]))
        // A minimal RFC 4180 reader: count unquoted commas and newlines.
        var rows: [[String]] = [[]]
        var cell = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if quoted {
                if character == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" {
                        cell.unicodeScalars.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    cell.unicodeScalars.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                rows[rows.count - 1].append(cell)
                cell = ""
            } else if character == "\n" {
                rows[rows.count - 1].append(cell)
                cell = ""
                rows.append([])
            } else {
                cell.unicodeScalars.append(character)
            }
            index += 1
        }
        characters.removeAll()
        #expect(rows.last == [])
        rows.removeLast()
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.count == 5 })
        #expect(rows[1] == ["a,\"b\"\nc", "'=1,2", "-1", "", "'\r\n"])
    }
}
