import Testing
@testable import UsageAudit

@Suite struct InputSourceOpeningTests {
    private func lines(of path: String) throws -> ReadLines {
        var source = try InputSource.file(path: path).open()
        return ReadLines(&source)
    }

    @Test func readsAPlainFile() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("access.log", text: "a\nb\n")
        let source = try InputSource.file(path: path).open()
        #expect(source is FileByteSource)
        #expect(try lines(of: path).texts == ["a", "b"])
    }

    @Test func recognisesGzipByItsBytesNotItsName() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        let gzipNamedLog = try directory.write("access.log", GzipFixture.compress("zipped\n"))
        let plainNamedGz = try directory.write("access.log.gz", text: "plain\n")
        #expect(try InputSource.file(path: gzipNamedLog).open() is any ChecksummedByteSource, "a gzip decoder of either engine")
        #expect(try lines(of: gzipNamedLog).texts == ["zipped"])
        #expect(try InputSource.file(path: plainNamedGz).open() is FileByteSource)
        #expect(try lines(of: plainNamedGz).texts == ["plain"])
    }

    @Test("other compression formats are refused by name, with the command that decompresses them; text that starts alike is read", arguments: [
        ([0x42, 0x5A, 0x68, 0x39, 0x31, 0x41], "bzip2", "bzip2 -dc"),
        ([0x42, 0x5A, 0x68, 0x31, 0x17, 0x72], "bzip2", "bzip2 -dc"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00], "xz", "xz -dc"),
        ([0x28, 0xB5, 0x2F, 0xFD, 0x24], "zstd", "zstd -dc"),
        ([0x04, 0x22, 0x4D, 0x18, 0x64], "lz4", "lz4 -dc"),
        ([0x50, 0x4B, 0x03, 0x04, 0x14], "zip", "unzip -p"),
    ] as [([UInt8], String, String)])
    func refusesOtherCompression(magic: [UInt8], format: String, command: String) throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("access.log.x", magic + Array("rest of the data\n".utf8))
        #expect(throws: InputError.unsupportedCompression(path: path, format: format, command: command)) {
            _ = try InputSource.file(path: path).open()
        }
        #expect(InputError.unsupportedCompression(path: path, format: format, command: command).description
            .contains("is \(format)-compressed, and usage-audit reads gzip and plain text only: decompress it first (\(command) \(path) | usage-audit"))
        // A log line that happens to start with "BZh" or "PK" is text.
        let text = try directory.write("names.log", text: "BZh is a user\nPK\n")
        #expect(try lines(of: text).texts == ["BZh is a user", "PK"])
        let digits = try directory.write("digits.log", text: "BZh91x\n")
        #expect(try lines(of: digits).texts == ["BZh91x"])
    }

    @Test func readsMultiMemberGzipFilesWithLinesAcrossMembers() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        let text = Array(sampleLogLines(5000).joined().utf8)
        let thirds = [0, text.count / 3 + 7, 2 * text.count / 3 + 11, text.count]
        var bytes: [UInt8] = []
        for index in 0..<3 { bytes += GzipFixture(parts: [Array(text[thirds[index]..<thirds[index + 1]])]).bytes }
        let path = try directory.write("rotated.log.2.gz", bytes)
        var source = try InputSource.file(path: path).open(gzipInputBufferSize: 1000)
        let result = ReadLines(&source, reader: LineReader(bufferCapacity: 4096, maximumLineLength: 1024))
        #expect(result.error == nil)
        #expect(result.texts == sampleLogLines(5000).map { String($0.dropLast()) })
        #expect(source.bytesConsumed == Int64(bytes.count))
    }

    @Test func readsEmptyFilesAndEmptyGzipAsNoLines() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        let empty = try directory.write("empty.log", [])
        let emptyGzip = try directory.write("empty.log.gz", GzipFixture.compress(""))
        for path in [empty, emptyGzip] {
            let result = try lines(of: path)
            #expect(result.lines.isEmpty)
            #expect(result.error == nil)
        }
    }

    @Test func treatsAFileOfOneMagicByteAsPlain() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("odd.log", [0x1F])
        let result = try lines(of: path)
        #expect(result.lines.count == 1)
        #expect(result.error == nil)
    }

    @Test func reportsATruncatedGzipFileAfterItsLines() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        let parts = sampleLogLines(3000).map { Array($0.utf8) }
        let fixture = GzipFixture(parts: parts, flushingEachPart: true)
        let cut = fixture.flushOffsets[1999]
        let path = try directory.write("cut.log.gz", Array(fixture.bytes[..<cut]))
        let result = try lines(of: path)
        #expect(result.lines.count == 2000)
        let damage = try #require(result.error as? InputDamage)
        #expect(damage.input == path)
        #expect(damage.compressedOffset == Int64(cut))
    }

    @Test func reportsAMissingFile() {
        #expect(throws: InputError.missingFile(path: "/nonexistent/usage-audit/access.log")) {
            _ = try InputSource.file(path: "/nonexistent/usage-audit/access.log").open()
        }
    }
}
