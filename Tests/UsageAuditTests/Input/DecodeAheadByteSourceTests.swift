import Testing
@testable import UsageAudit

@Suite struct DecodeAheadByteSourceTests {
    private func bytes(_ count: Int) -> [UInt8] {
        var random = SeededRandom(seed: 3)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    @Test("the same bytes in the same order, whatever the buffer sizes", arguments: [
        (1, 2, 1), (7, 3, 5), (4096, 8, 1000), (100_000, 4, 1 << 20),
    ])
    func sameBytes(bufferSize: Int, bufferCount: Int, readSize: Int) {
        let content = bytes(300_001)
        var source = DecodeAheadByteSource(
            base: MemoryByteSource(content, chunkSize: 777), bufferSize: bufferSize, bufferCount: bufferCount)
        let (read, error) = drainBytes(&source, bufferSize: readSize)
        #expect(error == nil)
        #expect(read == content)
        #expect(source.bytesConsumed == Int64(content.count))
    }

    @Test("an empty source ends at once")
    func empty() {
        var source = DecodeAheadByteSource(base: MemoryByteSource([]))
        let (read, error) = drainBytes(&source)
        #expect(read.isEmpty && error == nil)
    }

    @Test("the wrapped source's error comes after its bytes, then nothing")
    func errorAfterBytes() {
        let content = bytes(50_000)
        let damage = InputDamage(input: "x.gz", kind: .truncated, compressedOffset: 123)
        var source = DecodeAheadByteSource(
            base: FailingByteSource(memory: MemoryByteSource(content, chunkSize: 1000), error: damage), bufferSize: 4096)
        let (read, error) = drainBytes(&source, bufferSize: 3000)
        #expect(read == content)
        #expect(error as? InputDamage == damage)
        let (after, again) = drainBytes(&source)
        #expect(after.isEmpty && again == nil)
    }

    @Test("a gzip decoder's checksum passes through, and lines read the same")
    func gzipThroughTheRing() throws {
        let text = sampleLogLines(3000).joined()
        let compressed = GzipFixture.compress(text)
        for engine in InflateEngine.available {
            var source = DecodeAheadByteSource(
                base: try engine.decoder(compressed: MemoryByteSource(compressed, chunkSize: 500), name: "t.gz"), bufferSize: 1000)
            let lines = ReadLines(&source, reader: LineReader(bufferCapacity: 4096, maximumLineLength: 1000))
            #expect(lines.error == nil)
            #expect(lines.texts.map { $0 + "\n" } == sampleLogLines(3000))
            var plain = try engine.decoder(compressed: MemoryByteSource(compressed), name: "t.gz")
            _ = drainBytes(&plain)
            #expect(source.producedChecksum == (plain as? any ChecksummedByteSource)?.producedChecksum)
            #expect(source.producedChecksum?.count == Int64(text.utf8.count))
        }
    }

    @Test("dropping it early stops the reading thread")
    func earlyDrop() {
        let content = bytes(1 << 20)
        for _ in 0..<20 {
            var source = DecodeAheadByteSource(base: MemoryByteSource(content, chunkSize: 100), bufferSize: 64, bufferCount: 2)
            var buffer = [UInt8](repeating: 0, count: 10)
            let count = try? buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            #expect(count == 10)
        }
    }
}
