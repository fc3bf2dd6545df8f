import Testing
@testable import UsageAudit

@Suite struct CSVProfileReaderTests {
    private func table(_ text: String) throws(ProfileError) -> ProfileTable {
        try CSVProfileReader.table(from: Array(text.utf8), name: "p.csv")
    }

    @Test func readsHeaderAndRowsAsText() throws {
        let table = try table("\u{FEFF}User, Scope ,period\r\nana,all,day\r\n\r\nben,\"geo, coding\",\"month\"\n")
        #expect(table.columns == ["user", "scope", "period"])
        #expect(table.rows == [
            ProfileRow(values: ["user": .text("ana"), "scope": .text("all"), "period": .text("day")], origin: "p.csv:2"),
            ProfileRow(values: ["user": .text("ben"), "scope": .text("geo, coding"), "period": .text("month")], origin: "p.csv:4"),
        ])
    }

    @Test func keepsQuotedLineBreaksAndQuotesAndNumbersRowsByTheirFirstLine() throws {
        let table = try table("user,note\n\"a\"\"b\",\"two\nlines\"\nc,d")
        #expect(table.rows.map { $0["user"] } == [.text("a\"b"), .text("c")])
        #expect(table.rows.map(\.origin) == ["p.csv:2", "p.csv:4"])
        #expect(table.rows[0]["note"] == .text("two\nlines"))
    }

    @Test func detectsSemicolonsAndTabs() throws {
        #expect(try table("user;daily_count\nana;3").rows.first?["daily_count"] == .text("3"))
        #expect(try table("user\tdaily_count\nana\t3").rows.first?["daily_count"] == .text("3"))
    }

    @Test func readsAHeaderWithoutRows() throws {
        let table = try table("user,daily_count,daily_limit,total_count\n")
        #expect(table.columns.count == 4 && table.rows.isEmpty)
    }

    @Test func refusesRaggedRowsUnclosedQuotesAndBadHeaders() {
        #expect(profileError { _ = try table("a,b\n1,2\n1,2,3\n") }
            == .malformed(origin: "p.csv:3", reason: "this row has 3 cells but the header has 2 columns (quote cells that contain ',')"))
        #expect(profileError { _ = try table("a,b\n1,\"2\n3,4\n") }
            == .malformed(origin: "p.csv:2", reason: "a quoted cell is never closed (a \" is missing)"))
        #expect(profileError { _ = try table("a,A\n") } == .malformed(origin: "p.csv:1", reason: "the header names the column 'a' twice"))
        #expect(profileError { _ = try table("a,,b\n") } == .malformed(origin: "p.csv:1", reason: "header column 2 has no name"))
    }

    @Test func neverTrapsOnArbitraryBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("a,\"\n\r;\t x".utf8) + [0xFF, 0xC3, 0x00]
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0..<60, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            _ = try? CSVProfileReader.table(from: bytes, name: "fuzz.csv")
        }
    }
}
