#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `ByteSource` that passes an input's decoded bytes through while fingerprinting them:
/// it reads the first `ContentDigest.headCapacity` bytes ahead (so the input can be looked
/// up before any line is counted), keeps a CRC-32 of everything delivered, and notes the
/// CRC-32 at `checkpoint` (the length counted by an earlier run).
///
/// Leading NUL bytes are counted, not kept, and come first when the bytes are delivered.
///
/// Damage met while reading ahead is held back and thrown once the head has been delivered,
/// so the caller sees the same bytes and the same error as without the reader.
///
/// A gzip decoder checks a CRC-32 of its output anyway (`ChecksummedByteSource`): then the
/// checksum of the whole input is the decoder's, and only the bytes up to `checkpoint` are
/// summed here.
public struct ContentReader: ByteSource {
    private var base: any ByteSource
    /// Whether `base` tells the checksum of what it returned (then it is not computed here
    /// past the checkpoint).
    private let baseKeepsChecksum: Bool
    /// The first bytes of the input after its leading NUL bytes (fewer when it is shorter):
    /// what identifies it. A log rotated with copytruncate, whose writer keeps its offset,
    /// starts each night with a longer hole of NULs; its new lines tell the nights apart.
    public private(set) var head: [UInt8] = []
    /// How many NUL bytes come before `head` (delivered first, as read).
    public private(set) var leadingZeros: Int64 = 0
    private var zerosDelivered: Int64 = 0
    private var headDelivered = 0
    private var heldError: (any Error)?
    private var headRead = false
    /// Decoded bytes delivered so far.
    public private(set) var length: Int64 = 0
    /// CRC-32 of the bytes delivered so far (once the input has been read to its end or
    /// its damage, when the base keeps the checksum).
    public var checksum: UInt32 {
        if baseKeepsChecksum, let known = (base as? any ChecksummedByteSource)?.producedChecksum, known.count == length {
            return known.crc
        }
        return summed
    }
    /// CRC-32 of the bytes summed here.
    private var summed: UInt32 = 0
    /// An offset whose CRC-32 is wanted; set before reading past it.
    public var checkpoint: Int64?
    /// CRC-32 of the first `checkpoint` bytes, once that many were delivered.
    public private(set) var checksumAtCheckpoint: UInt32?
    /// The CRC-32 the first `checkpoint` bytes must have: when they differ, `read` throws
    /// `ContentMismatch` before delivering any byte past the checkpoint.
    public var expectedChecksum: UInt32?

    public init(base: any ByteSource) {
        self.base = base
        baseKeepsChecksum = (base as? any ChecksummedByteSource)?.producedChecksum != nil
    }

    public var bytesConsumed: Int64 { base.bytesConsumed }

    /// The damage that ended the input within its head, before any byte was delivered.
    public var damageInHead: InputDamage? { headDelivered == 0 ? heldError as? InputDamage : nil }

    /// Whether the input ended before `ContentDigest.headCapacity` bytes.
    public var isShorterThanHead: Bool { head.count < ContentDigest.headCapacity }

    /// Reads the head ahead; call once before the first `read`.
    public mutating func readHead() {
        guard !headRead else { return }
        headRead = true
        // Grown as it fills, from 4 KiB: most logs of a folder of thousands are small, and a
        // 64 KiB buffer allocated and zeroed for each cost page faults of its own.
        head = [UInt8](repeating: 0, count: min(4096, ContentDigest.headCapacity))
        var filled = 0
        do {
            while filled < ContentDigest.headCapacity {
                if filled == head.count {
                    head.append(contentsOf: repeatElement(0, count: min(head.count, ContentDigest.headCapacity - head.count)))
                }
                let count = try head.withUnsafeMutableBytes { buffer in
                    try base.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                }
                if count == 0 { break }
                if filled == 0 {
                    // Still inside the leading NULs: count them instead of keeping them.
                    let zeros = head[..<count].firstIndex { $0 != 0 } ?? count
                    leadingZeros += Int64(zeros)
                    if zeros > 0 {
                        head.withUnsafeMutableBytes { _ = memmove($0.baseAddress!, $0.baseAddress! + zeros, count - zeros) }
                    }
                    filled = count - zeros
                } else {
                    filled += count
                }
            }
        } catch {
            heldError = error
        }
        // A short input keeps only its bytes: a run over thousands of small logs holds
        // thousands of heads (`InputGrouping`).
        head = filled < head.count ? Array(head[..<filled]) : head
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !headRead { readHead() }
        let count: Int
        if zerosDelivered < leadingZeros {
            count = Int(min(Int64(buffer.count), leadingZeros - zerosDelivered))
            buffer.baseAddress!.initializeMemory(as: UInt8.self, repeating: 0, count: count)
            zerosDelivered += Int64(count)
        } else if headDelivered < head.count {
            count = min(buffer.count, head.count - headDelivered)
            head.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + headDelivered, byteCount: count)
            }
            headDelivered += count
        } else if let error = heldError {
            heldError = nil
            throw error
        } else {
            count = try base.read(into: buffer)
        }
        account(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        if let expectedChecksum, let checksumAtCheckpoint, checksumAtCheckpoint != expectedChecksum {
            self.expectedChecksum = nil
            throw ContentMismatch()
        }
        return count
    }

    private mutating func account(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        if let checkpoint, checksumAtCheckpoint == nil, checkpoint >= length, checkpoint <= length + Int64(bytes.count) {
            let before = Int(checkpoint - length)
            summed = ContentDigest.checksum(summed, adding: UnsafeRawBufferPointer(rebasing: bytes[..<before]))
            checksumAtCheckpoint = summed
            if !baseKeepsChecksum {
                summed = ContentDigest.checksum(summed, adding: UnsafeRawBufferPointer(rebasing: bytes[before...]))
            }
        } else if !baseKeepsChecksum || (checkpoint.map { length < $0 } ?? false) {
            summed = ContentDigest.checksum(summed, adding: bytes)
        }
        length += Int64(bytes.count)
    }
}

/// Thrown by `ContentReader` when the bytes before its checkpoint are not the ones expected.
public struct ContentMismatch: Error {}
