import Foundation

/// Reads another `ByteSource` on a thread of its own, ahead of the caller, through a
/// bounded ring of buffers: decompression on one core, parsing on another, for an input
/// that would otherwise leave a core idle.
///
/// The caller sees exactly the bytes and the error the wrapped source gives, in the same
/// order; `bytesConsumed` is the wrapped source's count when the bytes being delivered were
/// read. Memory is the ring (`bufferCount × bufferSize`), whatever the input. Stopping
/// early (dropping the source) stops the thread after its current read.
public final class DecodeAheadByteSource: ChecksummedByteSource {
    private let ring: DecodeAheadRing
    /// The chunk being delivered: its slot, how far it was delivered, and its size.
    private var current: DecodeAheadRing.Chunk?
    private var delivered = 0
    private var finished = false
    private var consumed: Int64 = 0
    private var checksum: ProducedChecksum?
    /// An error that arrived after bytes were copied in the same read: thrown by the next.
    private var pendingError: (any Error)?

    /// Starts reading `base` on a new thread.
    public init(base: any ByteSource, bufferSize: Int = 256 << 10, bufferCount: Int = 8) {
        ring = DecodeAheadRing(bufferSize: max(1, bufferSize), bufferCount: max(2, bufferCount))
        checksum = (base as? any ChecksummedByteSource)?.producedChecksum
        let reader = DecodeAheadReader(base: base, ring: ring)
        let thread = Thread { reader.run() }
        thread.name = "usage-audit decode"
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit {
        if let current { ring.release(current) }
        ring.cancel()
    }

    public var bytesConsumed: Int64 { consumed }

    /// The wrapped source's checksum (when it keeps one) as of the bytes being delivered:
    /// that of every byte returned once the stream has ended.
    public var producedChecksum: ProducedChecksum? { checksum }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let error = pendingError {
            pendingError = nil
            finished = true
            throw error
        }
        guard let destination = buffer.baseAddress, !buffer.isEmpty, !finished else { return 0 }
        var written = 0
        while written < buffer.count {
            if current == nil {
                // Block only when nothing was copied yet: return what is ready first.
                if written > 0 && !ring.hasFilledChunk { break }
                let next = ring.nextFilled()
                switch next.outcome {
                case .bytes:
                    current = next
                    delivered = 0
                    consumed = next.consumed
                    checksum = next.checksum
                case .end:
                    checksum = next.checksum
                    ring.release(next)
                    finished = true
                    return written
                case .failure(let error):
                    ring.release(next)
                    consumed = next.consumed
                    checksum = next.checksum
                    guard written > 0 else {
                        finished = true
                        throw error
                    }
                    pendingError = error
                    return written
                }
            }
            guard let chunk = current else { break }
            let count = min(chunk.count - delivered, buffer.count - written)
            (destination + written).copyMemory(from: ring.bytes(of: chunk) + delivered, byteCount: count)
            delivered += count
            written += count
            if delivered == chunk.count {
                ring.release(chunk)
                current = nil
            }
        }
        return written
    }
}

/// The thread side of `DecodeAheadByteSource`: reads the wrapped source into free buffers
/// until it ends, fails, or the ring is cancelled.
private final class DecodeAheadReader: @unchecked Sendable {
    // Used only by the reading thread once it has started.
    private var base: any ByteSource
    private let ring: DecodeAheadRing

    init(base: any ByteSource, ring: DecodeAheadRing) {
        self.base = base
        self.ring = ring
    }

    /// The wrapped source's checksum now (nil when it keeps none).
    private var checksum: ProducedChecksum? {
        (base as? any ChecksummedByteSource)?.producedChecksum
    }

    func run() {
        while let slot = ring.nextFree() {
            let target = ring.buffer(slot)
            do {
                let count = try base.read(into: target)
                if count <= 0 {
                    ring.publish(slot: slot, outcome: .end, count: 0, consumed: base.bytesConsumed, checksum: checksum)
                    return
                }
                ring.publish(
                    slot: slot, outcome: .bytes, count: min(count, target.count), consumed: base.bytesConsumed, checksum: checksum)
            } catch {
                ring.publish(slot: slot, outcome: .failure(error), count: 0, consumed: base.bytesConsumed, checksum: checksum)
                return
            }
        }
    }
}
