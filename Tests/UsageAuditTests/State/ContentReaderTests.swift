import CZlib
import Testing
@testable import UsageAudit

@Suite("ContentReader")
struct ContentReaderTests {
    private func bytes(_ count: Int, seed: UInt64 = 7) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    private func crc(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        Array(bytes).withUnsafeBufferPointer { UInt32(crc32_z(0, $0.baseAddress, $0.count)) }
    }

    private func drain(_ reader: inout ContentReader, chunk: Int = 4096) throws -> [UInt8] {
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
            if count == 0 { return output }
            output += buffer[..<count]
        }
    }

    @Test("delivers the same bytes it read ahead, with the CRC-32 of all of them", arguments: [0, 10, 65_536, 200_001])
    func passesBytesThrough(length: Int) throws {
        let content = bytes(length)
        var reader = ContentReader(base: MemoryByteSource(content, chunkSize: 1000))
        reader.readHead()
        #expect(reader.head == Array(content.prefix(ContentDigest.headCapacity)))
        #expect(reader.isShorterThanHead == (length < ContentDigest.headCapacity))
        #expect(try drain(&reader, chunk: 3000) == content)
        #expect(reader.length == Int64(length))
        #expect(reader.checksum == crc(content[...]))
    }

    @Test("leading NUL bytes (a copytruncate hole) are left out of the head and delivered first, as read", arguments: [
        (1, 1000), (999, 7), (65_536, 1000), (200_001, 4096), (70_000, 65_536),
    ])
    func leadingZeros(zeros: Int, chunk: Int) throws {
        let text = bytes(100_000, seed: 3).map { $0 == 0 ? 1 : $0 }
        let content = [UInt8](repeating: 0, count: zeros) + text
        var reader = ContentReader(base: MemoryByteSource(content, chunkSize: chunk))
        reader.readHead()
        #expect(reader.leadingZeros == Int64(zeros))
        #expect(reader.head == Array(text.prefix(ContentDigest.headCapacity)))
        #expect(try drain(&reader, chunk: 3000) == content)
        #expect(reader.length == Int64(content.count) && reader.checksum == crc(content[...]))
        // Nothing but NULs: an empty head.
        var holes = ContentReader(base: MemoryByteSource([UInt8](repeating: 0, count: zeros), chunkSize: chunk))
        holes.readHead()
        #expect(holes.head.isEmpty && holes.leadingZeros == Int64(zeros))
        #expect(try drain(&holes).count == zeros)
    }

    @Test("notes the CRC-32 at the checkpoint, inside a chunk or at its end", arguments: [1, 999, 1000, 70_000, 150_000])
    func checksumAtCheckpoint(checkpoint: Int) throws {
        let content = bytes(150_000)
        var reader = ContentReader(base: MemoryByteSource(content, chunkSize: 1000))
        reader.checkpoint = Int64(checkpoint)
        _ = try drain(&reader)
        #expect(reader.checksumAtCheckpoint == crc(content[..<checkpoint]))
    }

    @Test("throws ContentMismatch before delivering bytes past a checkpoint whose CRC-32 differs")
    func mismatch() throws {
        let content = bytes(100_000)
        var reader = ContentReader(base: MemoryByteSource(content, chunkSize: 1000))
        reader.checkpoint = 80_000
        reader.expectedChecksum = crc(content[..<80_000]) ^ 1
        #expect(throws: ContentMismatch.self) { _ = try drain(&reader, chunk: 1000) }
        #expect(reader.length <= 81_000)
    }

    @Test("damage met while reading ahead is thrown after the head was delivered")
    func heldDamage() throws {
        let content = bytes(5000)
        var reader = ContentReader(base: FailingByteSource(memory: MemoryByteSource(content), error: InputDamage(input: "t", kind: .truncated, compressedOffset: 0)))
        reader.readHead()
        #expect(reader.head == content)
        var delivered: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        #expect(throws: (any Error).self) {
            while true {
                let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
                if count == 0 { break }
                delivered += buffer[..<count]
            }
        }
        #expect(delivered == content)
    }
}

@Suite("ContentReader over a gzip decoder")
struct ContentReaderChecksummedTests {
    private func crc(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        Array(bytes).withUnsafeBufferPointer { UInt32(crc32_z(0, $0.baseAddress, $0.count)) }
    }

    @Test("takes the decoder's checksum, and still sums the bytes up to a checkpoint", arguments: [nil, 1, 70_000, 150_000, 400_000] as [Int?])
    func decoderChecksum(checkpoint: Int?) throws {
        let text = Array(sampleLogLines(4000).joined().utf8)
        let compressed = GzipFixture.compress(String(decoding: text[..<150_000], as: UTF8.self))
            + GzipFixture.compress(String(decoding: text[150_000...], as: UTF8.self))
        for engine in InflateEngine.available {
            for decodeAhead in [false, true] {
                let decoder = try engine.decoder(compressed: MemoryByteSource(compressed, chunkSize: 999), name: "t.gz")
                var reader = ContentReader(base: decodeAhead ? DecodeAheadByteSource(base: decoder, bufferSize: 5000) : decoder)
                reader.checkpoint = checkpoint.map(Int64.init)
                var buffer = [UInt8](repeating: 0, count: 3000)
                var output: [UInt8] = []
                while true {
                    let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
                    if count == 0 { break }
                    output += buffer[..<count]
                }
                #expect(output == text)
                #expect(reader.checksum == crc(text[...]), "\(engine) ahead: \(decodeAhead)")
                if let checkpoint {
                    #expect(reader.checksumAtCheckpoint == (checkpoint <= text.count ? crc(text[..<checkpoint]) : nil))
                }
            }
        }
    }

    @Test("damage: the checksum of exactly the bytes delivered before it")
    func damagedDecoderChecksum() throws {
        let text = sampleLogLines(3000).joined()
        let compressed = GzipFixture.compress(text)
        for engine in InflateEngine.available {
            let decoder = try engine.decoder(compressed: MemoryByteSource(Array(compressed[..<(compressed.count / 2)])), name: "t.gz")
            var reader = ContentReader(base: decoder)
            var output: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 3000)
            do {
                while true {
                    let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
                    if count == 0 { break }
                    output += buffer[..<count]
                }
                Issue.record("no damage reported")
            } catch {
                #expect(error is InputDamage)
            }
            #expect(!output.isEmpty)
            #expect(reader.checksum == crc(output[...]), "\(engine)")
        }
    }
}
