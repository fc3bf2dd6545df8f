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

    /// The SHA-256 of the first line of `head` that is not a header line (without its
    /// newline; up to the head's end when it has none), "" when every line is a header line.
    ///
    /// Header lines start with `#`: W3C logs (IIS, CloudFront) begin every file with the same
    /// `#Software:` / `#Version:` lines, which tell one day's log from another's no better
    /// than a file name does.
    public static func lineDigest(of head: [UInt8]) -> String {
        var start = head.startIndex
        while start < head.endIndex {
            let end = head[start...].firstIndex(of: 0x0A) ?? head.endIndex
            if head[start] != UInt8(ascii: "#") {
                return headDigest(of: head[start..<end])
            }
            start = end + 1
        }
        return ""
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
