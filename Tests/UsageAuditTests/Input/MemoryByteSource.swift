@testable import UsageAudit

/// A byte source over bytes in memory that hands them out at most `chunkSize` at a time,
/// to put buffer boundaries anywhere.
struct MemoryByteSource: ByteSource {
    var bytes: [UInt8]
    var chunkSize: Int
    var position = 0
    var bytesConsumed: Int64 { Int64(position) }

    init(_ bytes: [UInt8], chunkSize: Int = .max) {
        self.bytes = bytes
        self.chunkSize = chunkSize
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, chunkSize, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}

/// Everything read from a byte source until it ends or throws.
func drainBytes(_ source: inout some ByteSource, bufferSize: Int = 4096) -> (bytes: [UInt8], error: (any Error)?) {
    var collected: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: bufferSize)
    do {
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return (collected, nil) }
            collected += buffer[0..<count]
        }
    } catch {
        return (collected, error)
    }
}
