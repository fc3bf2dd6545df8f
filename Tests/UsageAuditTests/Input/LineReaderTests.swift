import Testing
@testable import UsageAudit

@Suite struct LineReaderTests {
    private func lines(
        _ text: String, chunkSize: Int = .max, bufferCapacity: Int = 1 << 20, maximumLineLength: Int = 64 << 10
    ) -> ReadLines {
        var source = MemoryByteSource(Array(text.utf8), chunkSize: chunkSize)
        return ReadLines(
            &source, reader: LineReader(bufferCapacity: bufferCapacity, maximumLineLength: maximumLineLength))
    }

    @Test func splitsLinesAndNumbersThem() {
        let result = lines("one\ntwo\n\nfour\n")
        #expect(result.error == nil)
        #expect(result.texts == ["one", "two", "", "four"])
        #expect(result.lines.map(\.number) == [1, 2, 3, 4])
        #expect(result.lines.allSatisfy { !$0.isTruncated && !$0.isCutByDamage })
    }

    @Test func keepsALastLineWithoutNewline() {
        #expect(lines("one\ntwo").texts == ["one", "two"])
    }

    @Test func readsNothingFromAnEmptyInput() {
        let result = lines("")
        #expect(result.lines.isEmpty)
        #expect(result.error == nil)
    }

    @Test func stripsCarriageReturnsBeforeNewlinesOnly() {
        #expect(lines("a\r\nb\r\nc\r").texts == ["a", "b", "c"])
        #expect(lines("x\ry\r\n\r\n").texts == ["x\ry", ""])
    }

    @Test("NUL bytes where a line starts are skipped, however many (a copytruncate hole); inside a line they stay", arguments: [1, 7, 1000])
    func skipsHolesOfNULs(chunk: Int) {
        let hole = String(repeating: "\0", count: 500)
        let result = lines("first\n" + hole + "second\n" + hole + "\nthird\nfo\0ur\n" + hole, chunkSize: chunk, bufferCapacity: 64, maximumLineLength: 20)
        #expect(result.texts == ["first", "second", "", "third", "fo\0ur"])
        #expect(!result.lines.contains { $0.isTruncated })
        #expect(result.lines.map(\.number) == [1, 2, 3, 4, 5])
    }

    @Test(arguments: [1, 2, 3, 17, 64, 1000])
    func findsTheSameLinesWhateverTheChunkAndBufferSize(chunk: Int) {
        let text = sampleLogLines(300).joined()
        let expected = sampleLogLines(300).map { String($0.dropLast()) }
        let result = lines(text, chunkSize: chunk, bufferCapacity: 200, maximumLineLength: 150)
        #expect(result.texts == expected)
        #expect(result.lines.last?.number == 300)
        #expect(!result.lines.contains { $0.isTruncated })
    }

    @Test(arguments: [1, 5, 1000])
    func truncatesLinesLongerThanTheCap(chunk: Int) {
        let long = String(repeating: "L", count: 100)
        let text = "short\n" + long + "\nafter\n" + long + "tail"
        let result = lines(text, chunkSize: chunk, bufferCapacity: 20, maximumLineLength: 10)
        #expect(result.texts == ["short", "LLLLLLLLLL", "after", "LLLLLLLLLL"])
        #expect(result.lines.map(\.isTruncated) == [false, true, false, true])
        #expect(result.lines.map(\.number) == [1, 2, 3, 4])
    }

    @Test func keepsLinesExactlyAtTheCapWhole() {
        let atCap = String(repeating: "a", count: 10)
        let result = lines(atCap + "\r\n" + atCap + "\n" + atCap + "b\n" + atCap + "\r", chunkSize: 1, maximumLineLength: 10)
        #expect(result.texts == [atCap, atCap, atCap, atCap])
        #expect(result.lines.map(\.isTruncated) == [false, false, true, false])
    }

    @Test func deliversThePartialLineBeforeDamageThenThrows() {
        let damage = InputDamage(input: "x.gz", kind: .truncated, compressedOffset: 99)
        var source = FailingByteSource(memory: MemoryByteSource(Array("one\ntwo\nthr".utf8), chunkSize: 3), error: damage)
        let result = ReadLines(&source)
        #expect(result.texts == ["one", "two", "thr"])
        #expect(result.lines.map(\.isCutByDamage) == [false, false, true])
        #expect(result.error as? InputDamage == damage)
    }

    @Test func throwsDamageRightAfterACompleteLine() {
        let damage = InputDamage(input: "x.gz", kind: .corrupt, compressedOffset: 5)
        var source = FailingByteSource(memory: MemoryByteSource(Array("one\n".utf8)), error: damage)
        let result = ReadLines(&source)
        #expect(result.texts == ["one"])
        #expect(result.error as? InputDamage == damage)
    }

    @Test func stopsWhenTheBodyThrows() {
        struct Stop: Error {}
        var source = MemoryByteSource(Array("a\nb\nc\n".utf8))
        var reader = LineReader()
        var seen: [Int] = []
        #expect(throws: Stop.self) {
            try reader.forEachLine(in: &source) { line in
                seen.append(line.number)
                if line.number == 2 { throw Stop() }
            }
        }
        #expect(seen == [1, 2])
    }

    @Test func countsOnlyCompleteLinesOfATruncatedGzipAsWhole() throws {
        let parts = sampleLogLines(1000)
        let fixture = GzipFixture(parts: parts.map { Array($0.utf8) }, flushingEachPart: true)
        for flushIndex in [0, 99, 500, 998] {
            // Cut at a flush point: exactly the lines before it are present.
            var atFlush: any ByteSource = try GzipByteSource(
                compressed: MemoryByteSource(Array(fixture.bytes[..<fixture.flushOffsets[flushIndex]]), chunkSize: 4096),
                name: "cut.gz")
            let whole = ReadLines(&atFlush, reader: LineReader(bufferCapacity: 1000, maximumLineLength: 200))
            #expect(whole.texts == parts[...flushIndex].map { String($0.dropLast()) })
            #expect((whole.error as? InputDamage)?.kind == .truncated)

            // Cut a few bytes further, inside the next line's data: the complete lines are
            // the same or one more, and a line cut by the damage is the start of the next one.
            var inside: any ByteSource = try GzipByteSource(
                compressed: MemoryByteSource(Array(fixture.bytes[..<(fixture.flushOffsets[flushIndex] + 9)])),
                name: "cut.gz")
            let cut = ReadLines(&inside)
            let complete = cut.lines.filter { !$0.isCutByDamage }.map(\.text)
            #expect(complete.count == flushIndex + 1 || complete.count == flushIndex + 2)
            #expect(complete == parts[..<complete.count].map { String($0.dropLast()) })
            if let partial = cut.lines.last, partial.isCutByDamage {
                #expect(parts[complete.count].hasPrefix(partial.text))
            }
            #expect((cut.error as? InputDamage)?.kind == .truncated)
        }
    }
}
