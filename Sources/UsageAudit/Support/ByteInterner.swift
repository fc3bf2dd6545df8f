#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Assigns dense integer ids to byte strings (user names, API keys) without
/// allocating per lookup: the bytes live in one arena, an open-addressing table of
/// 32-byte entries maps hashes to ids.
///
/// An entry holds the hash, the length and the first 16 bytes of its string, so a lookup of
/// a name of up to 16 bytes reads one entry and nothing else (one cache miss, where a
/// table of ids pointing into separate arrays costs four).
public struct ByteInterner: Sendable {
    private struct Entry: Sendable {
        var hash: UInt64 = 0
        /// `id + 1`; 0 is an empty entry.
        var idPlusOne: Int32 = 0
        var length: Int32 = 0
        /// The first 16 bytes, zero-padded.
        var head0: UInt64 = 0
        var head1: UInt64 = 0
    }

    private var arena: [UInt8] = []
    /// Per id: where its bytes start in `arena`; `starts[id + 1]` is where they end.
    private var starts: [Int] = [0]
    private var entries: [Entry]
    private var mask: Int

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        entries = Array(repeating: Entry(), count: size)
        mask = size - 1
    }

    /// The number of distinct byte strings seen.
    public var count: Int { starts.count - 1 }

    /// The id of `bytes`, adding them if they are new.
    @inline(__always)
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(bytes)
        let head = Self.head(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = entries[slot]
            if entry.idPlusOne == 0 { break }
            if matches(entry, hash: hash, head: head, bytes) { return entry.idPlusOne - 1 }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        entries[slot] = Entry(hash: hash, idPlusOne: id + 1, length: Int32(truncatingIfNeeded: bytes.count), head0: head.0, head1: head.1)
        if count * 2 > entries.count { grow() }
        return id
    }

    /// The id of `bytes` if they were interned before.
    @inline(__always)
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(bytes)
        let head = Self.head(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = entries[slot]
            if entry.idPlusOne == 0 { return nil }
            if matches(entry, hash: hash, head: head, bytes) { return entry.idPlusOne - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// Convenience for cold paths.
    public mutating func intern(_ string: String) -> Int32 {
        var copy = string
        return copy.withUTF8 { intern($0) }
    }

    /// The id of `string` if it was interned before (cold paths).
    public func lookup(_ string: String) -> Int32? {
        var copy = string
        return copy.withUTF8 { lookup($0) }
    }

    /// The bytes of `id` as a String (cold path: reports).
    public func string(for id: Int32) -> String {
        withBytes(of: id) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of `id` (valid only during the call).
    @inline(__always)
    public func withBytes<T>(of id: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let start = starts[Int(id)]
        let end = starts[Int(id) + 1]
        return try arena.withUnsafeBufferPointer { stored in
            try body(UnsafeBufferPointer(rebasing: stored[start..<end]))
        }
    }

    /// The id of `bytes`, adding them if they are new; `last` is tried first (rows that come
    /// grouped by name nearly always repeat the name of the row before).
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, tryingFirst last: Int32?) -> Int32 {
        if let last, withBytes(of: last, { $0.hasSameBytes(as: bytes) }) { return last }
        return intern(bytes)
    }

    /// The id of the bytes `other` holds as `id`, adding them if they are new (merging).
    public mutating func intern(_ id: Int32, of other: ByteInterner) -> Int32 {
        other.withBytes(of: id) { intern($0) }
    }

    /// The ids ordered by their bytes (unsigned lexicographic, as `String.utf8` compares):
    /// `rank[id]` is the position of `id` in that order.
    public func ranksByBytes() -> [Int32] {
        let order = arena.withUnsafeBufferPointer { stored -> [(prefix: UInt64, id: Int32)] in
            func bytes(_ id: Int32) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: stored[starts[Int(id)]..<starts[Int(id) + 1]])
            }
            // Compared by their first eight bytes as one number first (most names differ
            // there), by all their bytes only when those are the same.
            var ids = (0..<Int32(count)).map { (prefix: Self.orderPrefix(bytes($0)), id: $0) }
            ids.sort { left, right in
                if left.prefix != right.prefix { return left.prefix < right.prefix }
                return Self.precedes(bytes(left.id), bytes(right.id))
            }
            return ids
        }
        var rank = [Int32](repeating: 0, count: count)
        for (position, entry) in order.enumerated() { rank[Int(entry.id)] = Int32(position) }
        return rank
    }

    /// The first eight bytes of `bytes` as a big-endian number, zero-padded: when two
    /// prefixes differ, the smaller one's bytes come first (`precedes`); when they are
    /// equal, the bytes decide.
    static func orderPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var prefix: UInt64 = 0
        for index in 0..<8 {
            prefix <<= 8
            if index < bytes.count { prefix |= UInt64(bytes[index]) }
        }
        return prefix
    }

    /// Whether `left` sorts before `right`, byte by byte (a prefix first).
    static func precedes(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(left.count, right.count)
        if common > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress {
            let order = memcmp(leftBase, rightBase, common)
            if order != 0 { return order < 0 }
        }
        return left.count < right.count
    }

    /// Whether `entry` holds `bytes` (whose hash and zero-padded first 16 bytes are given).
    @inline(__always)
    private func matches(_ entry: Entry, hash: UInt64, head: (UInt64, UInt64), _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard entry.hash == hash, Int(entry.length) == bytes.count, entry.head0 == head.0, entry.head1 == head.1 else {
            return false
        }
        guard bytes.count > 16, let base = bytes.baseAddress else { return true }
        let start = starts[Int(entry.idPlusOne - 1)] + 16
        return arena.withUnsafeBufferPointer { stored in
            Self.equalBytes(UnsafeRawPointer(stored.baseAddress! + start), UnsafeRawPointer(base + 16), bytes.count - 16)
        }
    }

    /// Whether `count` bytes at `left` and `right` are equal, eight at a time.
    @inline(__always)
    static func equalBytes(_ left: UnsafeRawPointer, _ right: UnsafeRawPointer, _ count: Int) -> Bool {
        var offset = 0
        while offset + 8 <= count {
            if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                return false
            }
            offset += 8
        }
        while offset < count {
            if left.load(fromByteOffset: offset, as: UInt8.self) != right.load(fromByteOffset: offset, as: UInt8.self) { return false }
            offset += 1
        }
        return true
    }

    /// The first 16 bytes of `bytes` as two little-endian words, zero-padded.
    @inline(__always)
    static func head(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        if count >= 16 {
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
        if count >= 8 {
            return (raw.loadUnaligned(as: UInt64.self), partialWord(raw + 8, count - 8))
        }
        return (partialWord(raw, count), 0)
    }

    /// `count` (< 8) bytes at `raw` as a little-endian word, zero-padded.
    @inline(__always)
    private static func partialWord(_ raw: UnsafeRawPointer, _ count: Int) -> UInt64 {
        var word: UInt64 = 0
        var index = 0
        while index < count {
            word |= UInt64(raw.load(fromByteOffset: index, as: UInt8.self)) << UInt64(index * 8)
            index += 1
        }
        return word
    }

    private mutating func grow() {
        let size = entries.count * 2
        var grown = Array(repeating: Entry(), count: size)
        let newMask = size - 1
        for entry in entries where entry.idPlusOne != 0 {
            var slot = Int(truncatingIfNeeded: entry.hash) & newMask
            while grown[slot].idPlusOne != 0 { slot = (slot + 1) & newMask }
            grown[slot] = entry
        }
        entries = grown
        mask = newMask
    }

    /// A 64-bit hash of `bytes`, eight bytes at a time, with a final mix so that low bits
    /// spread well.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return mix(hash) }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            offset += 8
        }
        if offset < count {
            hash = (hash ^ partialWord(raw + offset, count - offset)) &* 0x9E37_79B9_7F4A_7C15
        }
        return mix(hash)
    }

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash
    }
}
