import Testing
@testable import UsageAudit

@Suite("CSVScanner")
struct CSVScannerTests {
    private func records(_ text: String) throws -> [([String], Int)] {
        var scanner = CSVScanner(bytes: Array(text.utf8), position: 0, separator: UInt8(ascii: ","))
        var result: [([String], Int)] = []
        while let (cells, line) = try scanner.nextRecord(name: "t.csv") { result.append((cells, line)) }
        return result
    }

    @Test("plain, quoted, doubled quotes, quotes inside plain cells, CRLF and a last line without a break")
    func records() throws {
        let read = try records("a,b\na\"b,c\n  \"x,y\",z\n\"a\"\"b\",\r\n,\nx,\"multi\nline\"\nlast")
        #expect(read.map(\.0) == [["a", "b"], ["a\"b", "c"], ["x,y", "z"], ["a\"b", ""], ["", ""], ["x", "multi\nline"], ["last"]])
        #expect(read.map(\.1) == [1, 2, 3, 4, 5, 6, 8])
    }

    @Test("a quoted cell that never closes names the line it opened on")
    func unclosedQuote() {
        #expect(throws: ProfileError.malformed(origin: "t.csv:2", reason: "a quoted cell is never closed (a \" is missing)")) {
            try records("a,b\nc,\"d\ne\n")
        }
    }

    @Test("long plain cells and UTF-8 pass whole")
    func longCells() throws {
        let long = String(repeating: "0123456789abcdef", count: 300)
        #expect(try records("\(long),名前\n").map(\.0) == [[long, "名前"]])
    }
}
