#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Up to 32 bytes of a time field kept by value, to recognise a line whose time is the
/// same as the last one's (`TemplateLineParser` then reuses the instant).
struct TimeBytes {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// The number of bytes held, or -1 for none (a field longer than 32 bytes is not kept).
    private var count = -1

    init() {}

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 32 else { return }
        count = bytes.count
        withUnsafeMutableBytes(of: &words) { storage in
            if let base = bytes.baseAddress, !bytes.isEmpty {
                storage.baseAddress!.copyMemory(from: base, byteCount: bytes.count)
            }
        }
    }

    /// Whether these are the bytes `other` holds but for the two at `position` (false when
    /// either holds none, or `position + 2` is past the count).
    @inline(__always)
    func holds(_ other: TimeBytes, ignoringTwoBytesAt position: Int) -> Bool {
        guard count == other.count, position >= 0, position + 2 <= count else { return false }
        // The masks lie in memory as the words do: byte i of the mask covers byte i held.
        var masks: (UInt64, UInt64, UInt64, UInt64) = (~0, ~0, ~0, ~0)
        withUnsafeMutableBytes(of: &masks) { mask in
            mask[position] = 0
            mask[position + 1] = 0
        }
        return (words.0 ^ other.words.0) & masks.0 | (words.1 ^ other.words.1) & masks.1
            | (words.2 ^ other.words.2) & masks.2 | (words.3 ^ other.words.3) & masks.3 == 0
    }

    /// Whether these are exactly `bytes`.
    @inline(__always)
    func holds(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == bytes.count else { return false }
        guard let base = bytes.baseAddress, count > 0 else { return count == 0 }
        return withUnsafeBytes(of: words) { storage in
            memcmp(storage.baseAddress!, base, count) == 0
        }
    }
}
