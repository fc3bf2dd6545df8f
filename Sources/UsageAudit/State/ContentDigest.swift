import CZlib
import Crypto
#if canImport(CIsal)
import CIsal
#endif

/// The two digests that recognise an input by content: SHA-256 of its first bytes (to find
/// the input in the state store, whatever its name or compression) and CRC-32 of every byte
/// counted (to prove that a longer or renamed input still starts with what was counted).
public enum ContentDigest {
    /// How many decoded bytes of an input identify it.
    public static let headCapacity = 64 << 10

    /// The SHA-256 of `bytes`, as 64 lowercase hex digits.
    public static func headDigest(of bytes: some Collection<UInt8>) -> String {
        let digest = SHA256.hash(data: Array(bytes))
        var text = ""
        text.reserveCapacity(64)
        for byte in digest {
            text.append(Self.hexDigits[Int(byte >> 4)])
            text.append(Self.hexDigits[Int(byte & 0x0F)])
        }
        return text
    }

    /// The SHA-256 of the first line of `head` (without its newline; the whole head when it
    /// has none).
    public static func lineDigest(of head: [UInt8]) -> String {
        headDigest(of: head.prefix { $0 != 0x0A })
    }

    /// `checksum` extended over `bytes` (CRC-32, the checksum gzip itself uses).
    @inline(__always)
    public static func checksum(_ checksum: UInt32, adding bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return checksum }
        #if canImport(CIsal)
        // ISA-L's folding CRC: the same checksum, several times as fast as zlib's.
        return crc32_gzip_refl(checksum, base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
        #else
        return UInt32(truncatingIfNeeded: crc32_z(
            UInt(checksum), base.assumingMemoryBound(to: UInt8.self), bytes.count))
        #endif
    }

    private static let hexDigits = Array("0123456789abcdef")
}
