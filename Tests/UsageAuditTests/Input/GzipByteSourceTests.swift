import Testing
@testable import UsageAudit

@Suite struct GzipByteSourceTests {
    private func decode(
        _ compressed: [UInt8], chunkSize: Int = .max, inputBufferSize: Int = 256 * 1024, outputSize: Int = 4096
    ) throws -> (bytes: [UInt8], error: (any Error)?, source: GzipByteSource) {
        var source = try GzipByteSource(
            compressed: MemoryByteSource(compressed, chunkSize: chunkSize), name: "test.gz",
            inputBufferSize: inputBufferSize)
        let (bytes, error) = drainBytes(&source, bufferSize: outputSize)
        return (bytes, error, source)
    }

    @Test func decodesOneMember() throws {
        let text = sampleLogLines(500).joined()
        let compressed = GzipFixture.compress(text)
        let result = try decode(compressed)
        #expect(result.error == nil)
        #expect(String(decoding: result.bytes, as: UTF8.self) == text)
        #expect(result.source.bytesConsumed == Int64(compressed.count))
        #expect(result.source.bytesProduced == Int64(text.utf8.count))
        #expect(result.source.membersDecoded == 1)
    }

    @Test(arguments: [(1, 1, 1), (7, 5, 3), (100, 13, 4096), (.max, 256 * 1024, 1)])
    func decodesThreeMembersAcrossAnyBufferBoundaries(chunk: Int, inputBuffer: Int, output: Int) throws {
        let text = sampleLogLines(300).joined()
        let utf8 = Array(text.utf8)
        // Members split in the middle of lines.
        let cuts = [0, 1_234, 9_876, utf8.count]
        var compressed: [UInt8] = []
        for index in 0..<3 {
            compressed += GzipFixture(parts: [Array(utf8[cuts[index]..<cuts[index + 1]])]).bytes
        }
        let result = try decode(compressed, chunkSize: chunk, inputBufferSize: inputBuffer, outputSize: output)
        #expect(result.error == nil)
        #expect(result.bytes == utf8)
        #expect(result.source.membersDecoded == 3)
        #expect(result.source.bytesConsumed == Int64(compressed.count))
    }

    @Test func toleratesZeroPaddingAfterTheLastMember() throws {
        let compressed = GzipFixture.compress("a\nb\n") + GzipFixture.compress("c\n") + [UInt8](repeating: 0, count: 1000)
        let result = try decode(compressed, chunkSize: 100, inputBufferSize: 64)
        #expect(result.error == nil)
        #expect(String(decoding: result.bytes, as: UTF8.self) == "a\nb\nc\n")
        #expect(result.source.membersDecoded == 2)
    }

    @Test func decodesAnEmptyMember() throws {
        let result = try decode(GzipFixture.compress(""))
        #expect(result.error == nil)
        #expect(result.bytes.isEmpty)
        #expect(result.source.membersDecoded == 1)
    }

    @Test func reportsTruncationAfterReturningEveryDecodableByte() throws {
        let parts = sampleLogLines(400).map { Array($0.utf8) }
        let fixture = GzipFixture(parts: parts, flushingEachPart: true)
        for flushIndex in [0, 1, 57, 200, 398] {
            let cut = fixture.flushOffsets[flushIndex]
            let result = try decode(Array(fixture.bytes[..<cut]), chunkSize: 333, inputBufferSize: 1000)
            #expect(result.bytes == Array(parts[...flushIndex].joined()))
            let damage = try #require(result.error as? InputDamage)
            #expect(damage.kind == .truncated)
            #expect(damage.compressedOffset == Int64(cut))
            #expect(damage.input == "test.gz")
        }
    }

    @Test func reportsTruncationInsideTheHeaderAndTrailer() throws {
        let compressed = GzipFixture.compress("hello\n")
        for cut in [2, 5, compressed.count - 4, compressed.count - 1] {
            let result = try decode(Array(compressed[..<cut]))
            #expect((result.error as? InputDamage)?.kind == .truncated, "cut at \(cut)")
        }
    }

    @Test func reportsTruncationOfASecondMember() throws {
        let first = GzipFixture.compress("one\ntwo\n")
        let second = GzipFixture.compress("three\n")
        let result = try decode(first + second[..<(second.count - 3)])
        #expect(String(decoding: result.bytes, as: UTF8.self).hasPrefix("one\ntwo\n"))
        #expect((result.error as? InputDamage)?.kind == .truncated)
        #expect(result.source.membersDecoded == 1)
    }

    @Test func reportsAWrongChecksumAsCorruptAfterTheData() throws {
        var compressed = GzipFixture.compress("alpha\nbeta\n")
        compressed[compressed.count - 6] ^= 0xFF  // inside the CRC-32 of the trailer
        let result = try decode(compressed)
        #expect(String(decoding: result.bytes, as: UTF8.self) == "alpha\nbeta\n")
        let damage = try #require(result.error as? InputDamage)
        #expect(damage.kind == .corrupt)
        #expect(damage.detail == "incorrect data check")
    }

    @Test func reportsAFlippedByteInTheMiddleAsCorrupt() throws {
        let text = sampleLogLines(2000).joined()
        var compressed = GzipFixture.compress(text)
        compressed[compressed.count / 2] ^= 0x55
        let result = try decode(compressed)
        let damage = try #require(result.error as? InputDamage)
        #expect(damage.kind == .corrupt)
        #expect(damage.compressedOffset > 10 && damage.compressedOffset <= Int64(compressed.count))
    }

    @Test func reportsGarbageAfterAMemberAsCorrupt() throws {
        let compressed = GzipFixture.compress("kept\n") + Array("not gzip".utf8)
        let result = try decode(compressed)
        #expect(String(decoding: result.bytes, as: UTF8.self) == "kept\n")
        #expect((result.error as? InputDamage)?.kind == .corrupt)
    }

    @Test func returnsNothingAfterTheDamageWasThrown() throws {
        let compressed = GzipFixture.compress(sampleLogLines(50).joined())
        var source = try GzipByteSource(compressed: MemoryByteSource(Array(compressed.dropLast(20))), name: "x")
        var (_, error) = drainBytes(&source)
        #expect(error is InputDamage)
        (_, error) = drainBytes(&source)
        #expect(error == nil)
    }
}
