import Foundation

/// The ring of buffers between the reading thread of a `DecodeAheadByteSource` and its
/// caller: free slots go to the reader, filled ones come back in order.
final class DecodeAheadRing: @unchecked Sendable {
    /// What a filled slot holds.
    enum Outcome {
        case bytes
        case end
        case failure(any Error)
    }

    /// A filled slot.
    struct Chunk {
        var slot: Int
        var count: Int
        /// The wrapped source's `bytesConsumed` after the read that filled the slot.
        var consumed: Int64
        var outcome: Outcome
        /// The wrapped source's checksum after that read, when it keeps one.
        var checksum: ProducedChecksum?
    }

    private let storage: UnsafeMutableRawBufferPointer
    private let bufferSize: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var free: [Int]
    private var filled: [Chunk] = []
    private var filledStart = 0
    private var cancelled = false

    init(bufferSize: Int, bufferCount: Int) {
        self.bufferSize = bufferSize
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize * bufferCount, alignment: 64)
        free = Array((0..<bufferCount).reversed())
        filled.reserveCapacity(bufferCount)
    }

    deinit {
        storage.deallocate()
    }

    /// The buffer of `slot`, for the reader to fill.
    func buffer(_ slot: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(rebasing: storage[(slot * bufferSize)..<((slot + 1) * bufferSize)])
    }

    /// The bytes of a filled chunk.
    func bytes(of chunk: Chunk) -> UnsafeRawPointer {
        UnsafeRawPointer(storage.baseAddress!) + chunk.slot * bufferSize
    }

    /// Reader: waits for a free slot; nil once cancelled.
    func nextFree() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty && !cancelled { condition.wait() }
        return cancelled ? nil : free.removeLast()
    }

    /// Reader: hands a filled slot to the caller.
    func publish(slot: Int, outcome: Outcome, count: Int, consumed: Int64, checksum: ProducedChecksum?) {
        condition.lock()
        filled.append(Chunk(slot: slot, count: count, consumed: consumed, outcome: outcome, checksum: checksum))
        condition.broadcast()
        condition.unlock()
    }

    /// Caller: whether a filled slot is waiting.
    var hasFilledChunk: Bool {
        condition.lock()
        defer { condition.unlock() }
        return filledStart < filled.count
    }

    /// Caller: waits for the next filled slot, in order.
    func nextFilled() -> Chunk {
        condition.lock()
        defer { condition.unlock() }
        while filledStart == filled.count { condition.wait() }
        let chunk = filled[filledStart]
        filledStart += 1
        if filledStart == filled.count {
            filled.removeAll(keepingCapacity: true)
            filledStart = 0
        }
        return chunk
    }

    /// Caller: gives a slot back to the reader.
    func release(_ chunk: Chunk) {
        condition.lock()
        free.append(chunk.slot)
        condition.broadcast()
        condition.unlock()
    }

    /// Caller: stops the reader after its current read.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
