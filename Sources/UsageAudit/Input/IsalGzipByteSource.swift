#if canImport(CIsal)
import CIsal
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The decompressed bytes of a gzip stream, decoded with ISA-L's `isal_inflate`: the
/// default engine, about twice as fast as zlib (see BENCHMARKS.md).
///
/// Behaves like `GzipByteSource` (the zlib engine) in every case: it reads every member of
/// a multi-member file and tolerates zero bytes padding the end; a stream that ends inside
/// a member throws `InputDamage(kind: .truncated)`, undecodable data `.corrupt` with
/// zlib's words for the header and trailer checks ("incorrect header check", "incorrect
/// data check", "incorrect length check"), always after every byte decoded before the
/// damage has been returned. ISA-L checks each member's CRC-32 and length itself.
///
/// Compressed bytes pass through one buffer allocated at creation; decoded bytes go
/// straight into the caller's buffer, so a read allocates nothing.
public final class IsalGzipByteSource: ChecksummedByteSource {
    private enum Phase {
        case inflating
        case betweenMembers
        case finished
    }

    /// The name used in damage reports: the path, or `-` for standard input.
    public let name: String
    private var compressed: any ByteSource
    private let state: UnsafeMutablePointer<inflate_state>
    private let input: UnsafeMutableRawBufferPointer
    private var phase = Phase.inflating
    private var inputEnded = false
    /// Whether the decoder stopped for lack of input (else it may still hold output).
    private var needsInput = true
    /// Compressed bytes taken from `compressed` so far, including those still buffered.
    private var bytesRead: Int64 = 0
    /// The last 8 compressed bytes before the input buffer's current contents (a member's
    /// trailer may straddle two reads).
    private var previousTail: [UInt8] = []
    private var pendingError: (any Error)?
    private var outputCapacity = 0
    /// Number of gzip members decoded completely.
    public private(set) var membersDecoded = 0
    /// Decompressed bytes returned so far.
    public private(set) var bytesProduced: Int64 = 0
    /// The checksum of the members decoded completely.
    private var checksumBeforeMember = ProducedChecksum()
    /// Whether a member has started and not ended.
    private var memberOpen = true
    /// The CRC-32 of the current member's bytes returned so far.
    private var memberCRC: UInt32 = 0

    /// The CRC-32 of every byte returned so far: ISA-L's own running check of the member,
    /// combined with those of the members before it.
    public var producedChecksum: ProducedChecksum? {
        guard memberOpen else { return checksumBeforeMember }
        return checksumBeforeMember.followed(byCRC: memberCRC, count: bytesProduced - checksumBeforeMember.count)
    }

    /// Compressed bytes consumed by the decoder so far (bits it holds ahead are not counted).
    public var bytesConsumed: Int64 {
        bytesRead - Int64(state.pointee.avail_in) - Int64(max(0, state.pointee.read_in_length) / 8)
    }

    /// Decodes the gzip stream read from `compressed`, `inputBufferSize` compressed bytes at a time.
    public init(compressed: any ByteSource, name: String, inputBufferSize: Int = 256 * 1024) {
        self.compressed = compressed
        self.name = name
        // At least two bytes: the magic number of the next member is checked whole.
        let size = max(2, min(inputBufferSize, Int(UInt32.max)))
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 64)
        state = UnsafeMutablePointer<inflate_state>.allocate(capacity: 1)
        UnsafeMutableRawPointer(state).initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<inflate_state>.stride)
        isal_inflate_init(state)
        state.pointee.crc_flag = UInt32(ISAL_GZIP)
        state.pointee.avail_in = 0
        previousTail.reserveCapacity(16)
    }

    deinit {
        state.deallocate()
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let error = pendingError {
            pendingError = nil
            phase = .finished
            throw error
        }
        guard let base = buffer.baseAddress, !buffer.isEmpty, phase != .finished else { return 0 }
        outputCapacity = min(buffer.count, Int(UInt32.max))
        state.pointee.next_out = base.assumingMemoryBound(to: UInt8.self)
        state.pointee.avail_out = UInt32(outputCapacity)
        var failure: (any Error)?
        do {
            try decode()
        } catch {
            failure = error
        }
        let produced = producedInThisRead
        state.pointee.next_out = nil
        state.pointee.avail_out = 0
        bytesProduced += Int64(produced)
        if let failure {
            guard produced > 0 else {
                phase = .finished
                throw failure
            }
            pendingError = failure
        }
        return produced
    }

    private func decode() throws {
        while state.pointee.avail_out > 0 {
            if phase == .betweenMembers {
                guard try startNextMember() else { return }
            }
            if phase == .finished { return }
            if needsInput && state.pointee.avail_in == 0 {
                if producedInThisRead > 0 { return }
                try refill(keeping: 0)
                if state.pointee.avail_in == 0 {
                    throw InputDamage(input: name, kind: .truncated, compressedOffset: bytesRead)
                }
            }
            let outputBefore = state.pointee.next_out!
            let status = isal_inflate(state)
            if status < 0 {
                // ISA-L's check may not cover what this call wrote before the damage: compute it.
                let written = state.pointee.next_out! - outputBefore
                memberCRC = crc32_gzip_refl(memberCRC, outputBefore, UInt64(max(0, written)))
                throw damage(status)
            }
            memberCRC = state.pointee.crc
            if state.pointee.block_state == ISAL_BLOCK_FINISH {
                membersDecoded += 1
                checksumBeforeMember = checksumBeforeMember.followed(
                    byCRC: memberCRC, count: bytesProduced + Int64(producedInThisRead) - checksumBeforeMember.count)
                memberOpen = false
                memberCRC = 0
                phase = .betweenMembers
                continue
            }
            // isal_inflate returns when the output is full or the input is used up.
            needsInput = state.pointee.avail_in == 0 && state.pointee.avail_out > 0
        }
    }

    /// After a member: skips zero padding, then checks the magic number of the next
    /// member (as zlib does, before anything else of its header) and starts decoding it.
    /// Returns false when the caller should return what it has before blocking on input.
    private func startNextMember() throws -> Bool {
        while true {
            while state.pointee.avail_in > 0, state.pointee.next_in.pointee == 0 {
                state.pointee.next_in += 1
                state.pointee.avail_in -= 1
            }
            let available = Int(state.pointee.avail_in)
            if available >= 2 || (available == 1 && inputEnded) {
                guard let next = state.pointee.next_in, available >= 2 else {
                    // One byte, then the end: zlib waits for the second byte and calls it truncated.
                    throw InputDamage(input: name, kind: .truncated, compressedOffset: bytesRead)
                }
                guard next[0] == 0x1F, next[1] == 0x8B else {
                    throw InputDamage(input: name, kind: .corrupt, compressedOffset: bytesConsumed, detail: "incorrect header check")
                }
                isal_inflate_reset(state)
                state.pointee.crc_flag = UInt32(ISAL_GZIP)
                memberOpen = true
                state.pointee.next_in = next
                state.pointee.avail_in = UInt32(available)
                phase = .inflating
                needsInput = false
                return true
            }
            if available == 0, inputEnded {
                phase = .finished
                return true
            }
            if producedInThisRead > 0 { return false }
            let before = bytesRead
            try refill(keeping: available)
            if bytesRead == before { inputEnded = true }
        }
    }

    private var producedInThisRead: Int { outputCapacity - Int(state.pointee.avail_out) }

    /// Reads the next compressed bytes into the input buffer after the `keeping` bytes
    /// still unread at `next_in`, which move to its start.
    private func refill(keeping: Int) throws {
        guard !inputEnded, let start = input.baseAddress else { return }
        if let next = state.pointee.next_in, bytesRead > 0 {
            // The compressed bytes before `next_in` that are about to be overwritten.
            let consumed = UnsafeRawPointer(next) - UnsafeRawPointer(start)
            rememberTail(consumed: consumed)
            if keeping > 0 { memmove(start, next, keeping) }
        }
        let free = UnsafeMutableRawBufferPointer(start: start + keeping, count: input.count - keeping)
        let count = max(0, min(try compressed.read(into: free), free.count))
        if count == 0 { inputEnded = true }
        bytesRead += Int64(count)
        state.pointee.next_in = start.assumingMemoryBound(to: UInt8.self)
        state.pointee.avail_in = UInt32(keeping + count)
    }

    /// Keeps the last 8 bytes of `previousTail` + `input[..<consumed]`.
    private func rememberTail(consumed: Int) {
        guard consumed > 0, let start = input.baseAddress else { return }
        let take = min(consumed, 8)
        if take < 8 {
            previousTail.append(contentsOf: UnsafeRawBufferPointer(start: start + consumed - take, count: take))
            if previousTail.count > 8 { previousTail.removeFirst(previousTail.count - 8) }
        } else {
            previousTail.removeAll(keepingCapacity: true)
            previousTail.append(contentsOf: UnsafeRawBufferPointer(start: start + consumed - 8, count: 8))
        }
    }

    /// The damage for a negative status of `isal_inflate`, in zlib's words where zlib has them.
    private func damage(_ status: Int32) -> InputDamage {
        let detail: String
        switch status {
        case ISAL_INCORRECT_CHECKSUM:
            detail = checksumDetail()
        case ISAL_INVALID_WRAPPER:
            detail = "incorrect header check"
        case ISAL_UNSUPPORTED_METHOD:
            detail = "unknown compression method"
        case ISAL_INVALID_BLOCK:
            detail = "invalid block"
        case ISAL_INVALID_SYMBOL:
            detail = "invalid code"
        case ISAL_INVALID_LOOKBACK:
            detail = "invalid distance too far back"
        default:
            detail = "ISA-L status \(status)"
        }
        return InputDamage(input: name, kind: .corrupt, compressedOffset: bytesConsumed, detail: detail)
    }

    /// Which check of the member failed: zlib compares the CRC-32 of the trailer first,
    /// then its length; before the data it is the header's own CRC.
    private func checksumDetail() -> String {
        let blockState = state.pointee.block_state
        guard blockState == ISAL_BLOCK_FINISH || blockState == ISAL_CHECKSUM_CHECK || blockState == ISAL_BLOCK_INPUT_DONE,
              let start = input.baseAddress, let next = state.pointee.next_in
        else { return "header crc mismatch" }
        let consumed = UnsafeRawPointer(next) - UnsafeRawPointer(start)
        var trailer = previousTail
        trailer.append(contentsOf: UnsafeRawBufferPointer(start: start, count: max(0, consumed)))
        guard trailer.count >= 8 else { return "incorrect data check" }
        let stored = trailer.suffix(8).prefix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return stored == state.pointee.crc ? "incorrect length check" : "incorrect data check"
    }
}
#endif
