import CZlib

/// Gzip data made with zlib's `deflate`, for fixtures written inside the tests.
struct GzipFixture {
    /// The complete gzip member.
    var bytes: [UInt8] = []
    /// Offsets in `bytes` right after each part was flushed (`Z_SYNC_FLUSH`): cutting the
    /// data at such an offset leaves exactly the parts before it decodable.
    var flushOffsets: [Int] = []

    /// One gzip member holding `parts` in order, each followed by a sync flush when
    /// `flushingEachPart` (so they end on byte boundaries of the compressed data).
    init(parts: [[UInt8]], flushingEachPart: Bool = false, level: Int32 = 6) {
        var stream = z_stream()
        let status = deflateInit2_(
            &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK)
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 64 * 1024)
        func pump(_ input: [UInt8], flush: Int32) {
            var input = input
            input.withUnsafeMutableBufferPointer { inputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = UInt32(inputBuffer.count)
                repeat {
                    let produced = output.withUnsafeMutableBufferPointer { outputBuffer -> Int in
                        stream.next_out = outputBuffer.baseAddress
                        stream.avail_out = UInt32(outputBuffer.count)
                        _ = deflate(&stream, flush)
                        return outputBuffer.count - Int(stream.avail_out)
                    }
                    bytes += output[0..<produced]
                } while stream.avail_out == 0 || stream.avail_in > 0
            }
        }
        for part in parts {
            pump(part, flush: flushingEachPart ? Z_SYNC_FLUSH : Z_NO_FLUSH)
            if flushingEachPart { flushOffsets.append(bytes.count) }
        }
        pump([], flush: Z_FINISH)
    }

    /// One gzip member of `text`.
    static func compress(_ text: String) -> [UInt8] {
        GzipFixture(parts: [Array(text.utf8)]).bytes
    }
}
