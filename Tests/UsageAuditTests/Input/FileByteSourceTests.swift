import Foundation
import Testing
@testable import UsageAudit

@Suite struct FileByteSourceTests {
    /// A pipe whose write end is fed `pieces` from another thread, a moment apart, then closed.
    private func pipe(feeding pieces: [[UInt8]]) -> Int32 {
        var ends: [Int32] = [0, 0]
        precondition(Foundation.pipe(&ends) == 0)
        let writeEnd = ends[1]
        Thread.detachNewThread {
            for piece in pieces {
                piece.withUnsafeBytes { _ = write(writeEnd, $0.baseAddress, $0.count) }
                usleep(5_000)
            }
            close(writeEnd)
        }
        return ends[0]
    }

    @Test func peeksAndReplaysTheFirstBytesOfAPipe() throws {
        let readEnd = pipe(feeding: [[0x41], Array("BCD\nEF".utf8)])
        var source = FileByteSource(descriptor: readEnd, name: "pipe", closesDescriptor: true)
        #expect(try source.peek(count: 2) == [0x41, 0x42])
        #expect(source.bytesConsumed == 0)
        let (bytes, error) = drainBytes(&source, bufferSize: 3)
        #expect(error == nil)
        #expect(String(decoding: bytes, as: UTF8.self) == "ABCD\nEF")
        #expect(source.bytesConsumed == 7)
    }

    @Test func peeksFewerBytesAtTheEndOfTheInput() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        var source = try FileByteSource(path: try directory.write("one", text: "x"))
        #expect(try source.peek(count: 2) == [0x78])
        #expect(drainBytes(&source).bytes == [0x78])
    }

    @Test func decodesGzipArrivingThroughAPipe() throws {
        let compressed = GzipFixture.compress(sampleLogLines(200).joined())
        let readEnd = pipe(feeding: [[compressed[0]], Array(compressed[1..<500]), Array(compressed[500...])])
        var source = try InputSource.file(path: "/dev/fd/\(readEnd)").open()
        defer { close(readEnd) }
        #expect(source is any ChecksummedByteSource, "a gzip decoder of either engine")
        let result = ReadLines(&source)
        #expect(result.error == nil)
        #expect(result.texts == sampleLogLines(200).map { String($0.dropLast()) })
    }

    @Test func reportsAnUnreadableFile() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        // A directory opens, but reading it fails: the error names the path and the reason.
        let source = try FileByteSource(path: directory.path)
        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(throws: InputError.unreadable(path: directory.path, reason: "Is a directory")) {
            _ = try buffer.withUnsafeMutableBytes { (raw) throws(InputError) -> Int in
                try source.readBytes(into: raw)
            }
        }
    }
}
