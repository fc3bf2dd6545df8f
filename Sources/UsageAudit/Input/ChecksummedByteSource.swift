import CZlib

/// A byte source that knows the CRC-32 of every byte it has returned: a gzip decoder
/// computes it anyway to check each member, so a reader that fingerprints the bytes
/// (`ContentReader`) need not compute it a second time.
public protocol ChecksummedByteSource: ByteSource {
    /// The CRC-32 of every byte returned so far (the checksum gzip uses) and their number;
    /// nil when this source cannot tell (the reader then computes it).
    var producedChecksum: ProducedChecksum? { get }
}

/// The CRC-32 of a stream's first `count` bytes.
public struct ProducedChecksum: Equatable, Sendable {
    public var crc: UInt32
    public var count: Int64

    public init(crc: UInt32 = 0, count: Int64 = 0) {
        self.crc = crc
        self.count = count
    }

    /// The checksum of these bytes followed by `count` more whose own CRC-32 is `crc`.
    public func followed(byCRC crc: UInt32, count: Int64) -> ProducedChecksum {
        guard count > 0 else { return self }
        guard self.count > 0 else { return ProducedChecksum(crc: crc, count: count) }
        let combined = crc32_combine(UInt(self.crc), UInt(crc), Int(count))
        return ProducedChecksum(crc: UInt32(truncatingIfNeeded: combined), count: self.count + count)
    }
}
