import Foundation
import Testing
@testable import UsageAudit

@Suite("OutputFormat and TextTableRenderer")
struct OutputFormatTests {
    private static let table = ReportTable(
        columns: ["user", "scope", "requests", "limit"],
        rows: [
            [.text("alice"), .text("all"), .integer(12345), .integer(5000)],
            [.text("=bob\n"), .text("geo"), .integer(-7), .empty],
            [.text("Zoë"), .text("iso"), .decimal(1.5), .integer(-1)],
        ])

    @Test("jsonl: one compact object per row, each on its own line")
    func jsonl() throws {
        let text = OutputFormat.jsonl.render(Self.table)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 3)
        #expect(lines[0] == #"{"user":"alice","scope":"all","requests":12345,"limit":5000}"#)
        #expect(lines[1] == #"{"user":"=bob\n","scope":"geo","requests":-7,"limit":null}"#)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?.keys.sorted() == ["limit", "requests", "scope", "user"])
        }
    }

    @Test("jsonl of no rows is empty; json of no rows is an empty array")
    func emptyTables() {
        let empty = ReportTable(columns: ["a"])
        #expect(OutputFormat.jsonl.render(empty) == "")
        #expect(OutputFormat.json.render(empty) == "[]\n")
        #expect(OutputFormat.csv.render(empty) == "a\n")
    }

    @Test("json: a pretty array of objects with the columns in order, text not neutralised")
    func json() throws {
        let text = OutputFormat.json.render(Self.table)
        #expect(text.hasSuffix("}\n]\n"))
        let array = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        #expect(array?.count == 3)
        #expect(array?[1]["user"] as? String == "=bob\n")
        #expect(array?[1]["limit"] is NSNull)
        #expect((array?[2]["requests"] as? NSNumber)?.doubleValue == 1.5)
        let userRange = try #require(text.range(of: "\"user\""))
        let limitRange = try #require(text.range(of: "\"limit\""))
        #expect(userRange.lowerBound < limitRange.lowerBound)
    }

    @Test("csv and json hold the same records")
    func twins() throws {
        let csvLines = OutputFormat.csv.render(Self.table).split(separator: "\n")
        let json = try JSONSerialization.jsonObject(with: Data(OutputFormat.json.render(Self.table).utf8)) as? [[String: Any]]
        #expect(csvLines.first == "user,scope,requests,limit")
        #expect(json?.map { $0["scope"] as? String } == ["all", "geo", "iso"])
    }

    @Test("table: text left-aligned, numbers right-aligned, a dashed rule, no trailing spaces")
    func textTable() {
        let text = OutputFormat.table.render(ReportTable(
            columns: ["user", "requests", "note"],
            rows: [
                [.text("alice"), .integer(5), .text("ok")],
                [.text("bo"), .integer(12345), .empty],
                [.text("x\ty"), .decimal(-0.5), .text("z")],
            ]))
        #expect(text == """
            user   requests  note
            -----  --------  ----
            alice         5  ok
            bo        12345
            x?y        -0.5  z

            """)
    }

    @Test("table columns are measured in characters, not bytes")
    func textTableUnicode() {
        let text = TextTableRenderer.render(ReportTable(columns: ["u", "n"], rows: [[.text("Zoë"), .integer(1)], [.text("abcd"), .integer(22)]]))
        #expect(text == "u     n\n----  --\nZoë    1\nabcd  22\n")
    }

    @Test("table columns are measured on screen: a CJK character or an emoji takes two columns")
    func textTableWideCharacters() {
        let text = TextTableRenderer.render(ReportTable(
            columns: ["u", "n"], rows: [[.text("東京"), .integer(1)], [.text("abcde"), .integer(22)], [.text("🔑x"), .integer(3)]]))
        #expect(text == "u      n\n-----  --\n東京    1\nabcde  22\n🔑x     3\n")
    }

    @Test("file extensions")
    func extensions() {
        #expect(OutputFormat.csv.fileExtension == "csv")
        #expect(OutputFormat.json.fileExtension == "json")
        #expect(OutputFormat.jsonl.fileExtension == "jsonl")
        #expect(OutputFormat.table.fileExtension == "txt")
        #expect(OutputFormat(rawValue: "xml") == nil)
        #expect(OutputFormat.allCases.map(\.rawValue) == ["csv", "json", "jsonl", "table"])
    }
}
