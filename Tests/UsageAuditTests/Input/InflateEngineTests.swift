import CZlib
import Testing
@testable import UsageAudit

/// Every engine this build has (ISA-L and zlib, or zlib alone) gives the same bytes, the same
/// damage and the same running checksum for the same gzip data, whole or damaged.
@Suite struct InflateEngineTests {
    /// What one engine made of some gzip data.
    private struct Decoded: Equatable {
        var bytes: [UInt8]
        var kind: InputDamage.Kind?
        var detail: String?
        var checksum: ProducedChecksum?
    }

    private func decode(
        _ compressed: [UInt8], engine: InflateEngine, chunkSize: Int = .max, inputBufferSize: Int = 256 * 1024,
        outputSize: Int = 4096
    ) throws -> Decoded {
        var source = try engine.decoder(
            compressed: MemoryByteSource(compressed, chunkSize: chunkSize), name: "test.gz", inputBufferSize: inputBufferSize)
        let (bytes, error) = drainBytes(&source, bufferSize: outputSize)
        let damage = error as? InputDamage
        if error != nil { #expect(damage != nil, "\(engine): \(String(describing: error))") }
        return Decoded(
            bytes: bytes, kind: damage?.kind, detail: damage?.detail,
            checksum: (source as? any ChecksummedByteSource)?.producedChecksum)
    }

    /// Decodes with every engine, expects them to agree, and returns zlib's result.
    private func decodeWithEveryEngine(
        _ compressed: [UInt8], chunkSize: Int = .max, inputBufferSize: Int = 256 * 1024, outputSize: Int = 4096,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Decoded {
        let reference = try decode(compressed, engine: .zlib, chunkSize: chunkSize, inputBufferSize: inputBufferSize, outputSize: outputSize)
        for engine in InflateEngine.available where engine != .zlib {
            let other = try decode(compressed, engine: engine, chunkSize: chunkSize, inputBufferSize: inputBufferSize, outputSize: outputSize)
            #expect(other == reference, "\(engine) differs from zlib", sourceLocation: sourceLocation)
        }
        // The running checksum is the CRC-32 of exactly the bytes returned.
        let crc = reference.bytes.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32(0, $0.baseAddress, UInt32($0.count))) }
        #expect(reference.checksum == ProducedChecksum(crc: crc, count: Int64(reference.bytes.count)), sourceLocation: sourceLocation)
        return reference
    }

    @Test func theDefaultEngineIsTheFastestAvailable() {
        #expect(InflateEngine.available.last == .zlib)
        #expect(InflateEngine.available.contains(InflateEngine.selected))
    }

    @Test(arguments: [(1, 1, 1), (7, 5, 3), (100, 13, 4096), (.max, 256 * 1024, 1 << 20)])
    func multiMemberDataDecodesTheSameAcrossBufferBoundaries(chunk: Int, inputBuffer: Int, output: Int) throws {
        let utf8 = Array(sampleLogLines(300).joined().utf8)
        let cuts = [0, 1_234, 9_876, utf8.count]
        var compressed: [UInt8] = []
        for index in 0..<3 {
            compressed += GzipFixture(parts: [Array(utf8[cuts[index]..<cuts[index + 1]])]).bytes
        }
        compressed += [UInt8](repeating: 0, count: 40)
        let result = try decodeWithEveryEngine(compressed, chunkSize: chunk, inputBufferSize: inputBuffer, outputSize: output)
        #expect(result.bytes == utf8)
        #expect(result.kind == nil)
    }

    @Test func anEmptyMemberAndAnEmptyFileAgree() throws {
        #expect(try decodeWithEveryEngine(GzipFixture.compress("")).bytes.isEmpty)
        #expect(try decodeWithEveryEngine(GzipFixture.compress("") + GzipFixture.compress("a\n")).bytes == Array("a\n".utf8))
    }

    @Test func truncationAgreesAtEveryFlushPoint() throws {
        let parts = sampleLogLines(400).map { Array($0.utf8) }
        let fixture = GzipFixture(parts: parts, flushingEachPart: true)
        for flushIndex in [0, 1, 57, 200, 398] {
            let cut = fixture.flushOffsets[flushIndex]
            let result = try decodeWithEveryEngine(Array(fixture.bytes[..<cut]), chunkSize: 333, inputBufferSize: 1000)
            #expect(result.bytes == Array(parts[...flushIndex].joined()))
            #expect(result.kind == .truncated)
        }
    }

    @Test func truncationInsideTheHeaderTrailerOrASecondMemberAgrees() throws {
        let compressed = GzipFixture.compress("hello\n")
        for cut in [2, 5, compressed.count - 4, compressed.count - 1] {
            #expect(try decodeWithEveryEngine(Array(compressed[..<cut])).kind == .truncated, "cut at \(cut)")
        }
        let second = GzipFixture.compress("three\n")
        let result = try decodeWithEveryEngine(compressed + second[..<(second.count - 3)])
        #expect(result.kind == .truncated)
        #expect(String(decoding: result.bytes, as: UTF8.self).hasPrefix("hello\n"))
    }

    @Test func aWrongChecksumOrLengthIsReportedInZlibsWords() throws {
        let original = GzipFixture.compress(sampleLogLines(50).joined())
        var badCRC = original
        badCRC[badCRC.count - 6] ^= 0xFF
        let crcResult = try decodeWithEveryEngine(badCRC)
        #expect(crcResult.kind == .corrupt)
        #expect(crcResult.detail == "incorrect data check")
        var badLength = original
        badLength[badLength.count - 2] ^= 0x01
        let lengthResult = try decodeWithEveryEngine(badLength)
        #expect(lengthResult.kind == .corrupt)
        #expect(lengthResult.detail == "incorrect length check")
        // The trailer split across two reads of compressed data.
        #expect(try decodeWithEveryEngine(badCRC, chunkSize: badCRC.count - 5, inputBufferSize: badCRC.count - 5) == crcResult)
    }

    @Test func garbageAfterAMemberIsAnIncorrectHeader() throws {
        let kept = GzipFixture.compress("kept\n")
        for garbage in ["not gzip", "x", "xy", String(repeating: "z", count: 20)] {
            let result = try decodeWithEveryEngine(kept + Array(garbage.utf8))
            #expect(String(decoding: result.bytes, as: UTF8.self) == "kept\n")
            #expect(result.kind == (garbage.count == 1 ? .truncated : .corrupt), "\(garbage)")
        }
    }

    /// A flipped byte either leaves the data decodable (then the trailer check fails: the
    /// same bytes) or makes a code invalid; then each engine stops at the invalid code, zlib
    /// right before it and ISA-L at the start of a block of its output, so one returns a
    /// prefix of the other's bytes. The kind of damage is the same either way.
    @Test func flippedBytesAnywhereGiveTheSameKindOfDamageAndPrefixesOfTheSameBytes() throws {
        let text = sampleLogLines(2000).joined()
        let original = GzipFixture.compress(text)
        var random = SeededRandom(seed: 77)
        for _ in 0..<40 {
            var damaged = original
            let position = 10 + Int(random.next() % UInt64(damaged.count - 10))
            damaged[position] ^= UInt8(1 + random.next() % 255)
            let zlib = try decode(damaged, engine: .zlib)
            for engine in InflateEngine.available where engine != .zlib {
                let other = try decode(damaged, engine: engine)
                #expect(other.kind == zlib.kind, "byte \(position)")
                let shorter = min(other.bytes.count, zlib.bytes.count)
                #expect(other.bytes[..<shorter] == zlib.bytes[..<shorter], "byte \(position)")
                if zlib.detail == "incorrect data check" || zlib.detail == "incorrect length check" {
                    #expect(other.bytes == zlib.bytes, "byte \(position)")
                    #expect(other.detail == zlib.detail, "byte \(position)")
                }
                let crc = other.bytes.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32(0, $0.baseAddress, UInt32($0.count))) }
                #expect(other.checksum == ProducedChecksum(crc: crc, count: Int64(other.bytes.count)), "byte \(position)")
            }
        }
    }

    @Test func nothingIsReturnedAfterTheDamage() throws {
        let compressed = GzipFixture.compress(sampleLogLines(50).joined())
        for engine in InflateEngine.available {
            var source = try engine.decoder(compressed: MemoryByteSource(Array(compressed.dropLast(20))), name: "x")
            var (_, error) = drainBytes(&source)
            #expect(error is InputDamage)
            (_, error) = drainBytes(&source)
            #expect(error == nil)
        }
    }
}
