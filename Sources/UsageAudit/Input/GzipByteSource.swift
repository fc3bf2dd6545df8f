import CZlib

/// The decompressed bytes of a gzip stream, decoded with zlib's `inflate`.
///
/// Reads every member of a multi-member file (`cat a.gz b.gz`) and tolerates zero bytes
/// padding the end. Unlike `gzread`, it never mistakes a cut-short file for a complete
/// one: a stream that ends inside a member throws `InputDamage(kind: .truncated)`, and
/// undecodable data (a bad header, an invalid block, a wrong CRC or length) throws
/// `InputDamage(kind: .corrupt)` — in both cases only after every byte decoded before the
/// damage has been returned. After that, reads return 0.
///
/// Compressed bytes pass through one buffer allocated at creation; decoded bytes go
/// straight into the caller's buffer, so a read allocates nothing.
public final class GzipByteSource: ChecksummedByteSource {
    /// Where the decoder stands.
    private enum Phase {
        /// Inside a member.
        case inflating
        /// A member ended: next comes another member, zero padding, or the end.
        case betweenMembers
        /// Nothing more will be returned.
        case finished
    }

    /// The name used in damage reports: the path, or `-` for standard input.
    public let name: String
    private var compressed: any ByteSource
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var phase = Phase.inflating
    private var inputEnded = false
    /// Compressed bytes taken from `compressed` so far, including those still buffered.
    private var bytesRead: Int64 = 0
    /// An error found after some output was produced, thrown by the next read.
    private var pendingError: (any Error)?
    /// The size of the caller's buffer during a read.
    private var outputCapacity = 0
    /// Number of gzip members decoded completely.
    public private(set) var membersDecoded = 0
    /// Decompressed bytes returned so far.
    public private(set) var bytesProduced: Int64 = 0
    /// The checksum of the members decoded completely (zlib keeps the current one's).
    private var checksumBeforeMember = ProducedChecksum()
    /// Whether a member has started and not ended.
    private var memberOpen = true

    /// The CRC-32 of every byte returned so far: zlib's own running check of the member,
    /// combined with those of the members before it.
    public var producedChecksum: ProducedChecksum? {
        guard memberOpen else { return checksumBeforeMember }
        return checksumBeforeMember.followed(
            byCRC: UInt32(truncatingIfNeeded: stream.pointee.adler), count: bytesProduced - checksumBeforeMember.count)
    }

    /// Compressed bytes consumed by the decoder so far.
    public var bytesConsumed: Int64 { bytesRead - Int64(stream.pointee.avail_in) }

    /// Decodes the gzip stream read from `compressed`, `inputBufferSize` compressed bytes at a time.
    public init(
        compressed: any ByteSource, name: String, inputBufferSize: Int = 256 * 1024
    ) throws(InputError) {
        self.compressed = compressed
        self.name = name
        let size = max(1, min(inputBufferSize, Int(UInt32.max)))
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 16: the largest window, gzip framing only (zlib's header is not a gzip file).
        let status = inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            input.deallocate()
            throw .unreadable(path: name, reason: "zlib could not start a decoder (status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
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
        stream.pointee.next_out = base.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(outputCapacity)
        var failure: (any Error)?
        do {
            try decode()
        } catch {
            failure = error
        }
        let produced = producedInThisRead
        stream.pointee.next_out = nil
        stream.pointee.avail_out = 0
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

    /// Inflates into the output window set in `stream` until it is full, the stream ends,
    /// or more input is needed after some output was produced (so a pipe never stalls
    /// bytes that are already decoded).
    private func decode() throws {
        while stream.pointee.avail_out > 0 {
            if phase == .betweenMembers {
                guard try skipPadding() else { return }
            }
            if phase == .finished { return }
            if stream.pointee.avail_in == 0 {
                if producedInThisRead > 0 { return }
                try refill()
                if stream.pointee.avail_in == 0 {
                    throw InputDamage(input: name, kind: .truncated, compressedOffset: bytesConsumed)
                }
            }
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                membersDecoded += 1
                checksumBeforeMember = checksumBeforeMember.followed(
                    byCRC: UInt32(truncatingIfNeeded: stream.pointee.adler),
                    count: bytesProduced + Int64(producedInThisRead) - checksumBeforeMember.count)
                memberOpen = false
                phase = .betweenMembers
            case Z_BUF_ERROR where stream.pointee.avail_in == 0:
                continue  // needs more input: the next turn refills or reports truncation
            case Z_MEM_ERROR:
                throw InputError.unreadable(path: name, reason: "zlib ran out of memory")
            default:
                throw InputDamage(
                    input: name, kind: .corrupt, compressedOffset: bytesConsumed, detail: zlibMessage(status))
            }
        }
    }

    /// Skips zero bytes after a member. Returns false when the caller should return what
    /// it has before blocking on more input; otherwise the phase is `finished` (end of
    /// input) or `inflating` (another member starts).
    private func skipPadding() throws -> Bool {
        while true {
            while stream.pointee.avail_in > 0, stream.pointee.next_in.pointee == 0 {
                stream.pointee.next_in += 1
                stream.pointee.avail_in -= 1
            }
            if stream.pointee.avail_in > 0 {
                inflateReset(stream)
                memberOpen = true
                phase = .inflating
                return true
            }
            if inputEnded {
                phase = .finished
                return true
            }
            if producedInThisRead > 0 { return false }
            try refill()
        }
    }

    /// Decoded bytes written into the caller's buffer during the current read.
    private var producedInThisRead: Int { outputCapacity - Int(stream.pointee.avail_out) }

    /// Reads the next compressed bytes into the input buffer (called only when it is empty).
    private func refill() throws {
        guard !inputEnded else { return }
        let count = max(0, min(try compressed.read(into: input), input.count))
        if count == 0 { inputEnded = true }
        bytesRead += Int64(count)
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(count)
    }

    /// zlib's explanation of the last error, or the status code when it gave none.
    private func zlibMessage(_ status: Int32) -> String {
        if let message = stream.pointee.msg { return String(cString: message) }
        switch status {
        case Z_NEED_DICT: return "the stream asks for a preset dictionary"
        case Z_DATA_ERROR: return "invalid data"
        default: return "zlib status \(status)"
        }
    }
}
