@testable import UsageAudit

/// A byte source that returns `bytes` and then throws `error`.
struct FailingByteSource: ByteSource {
    var memory: MemoryByteSource
    var error: any Error
    var bytesConsumed: Int64 { memory.bytesConsumed }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try memory.read(into: buffer)
        if count == 0 { throw error }
        return count
    }
}
