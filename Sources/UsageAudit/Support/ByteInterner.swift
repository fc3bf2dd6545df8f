/// Assigns dense integer ids to byte strings (user names, API keys) without
/// allocating per lookup: the bytes live in one arena, an open-addressing table maps
/// hashes to ids.
public struct ByteInterner: Sendable {
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int32] = []
    private var hashes: [UInt64] = []
    /// Slots hold `id + 1`; 0 is empty.
    private var slots: [Int32]
    private var mask: Int

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// The number of distinct byte strings seen.
    public var count: Int { starts.count }

    /// The id of `bytes`, adding them if they are new.
    @inline(__always)
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let id = Int(entry - 1)
            if hashes[id] == hash, equals(id, bytes) { return Int32(id) }
            slot = (slot + 1) & mask
        }
        let id = Int32(starts.count)
        starts.append(arena.count)
        lengths.append(Int32(bytes.count))
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        slots[slot] = id + 1
        if starts.count * 2 > slots.count { grow() }
        return id
    }

    /// The id of `bytes` if they were interned before.
    @inline(__always)
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let id = Int(entry - 1)
            if hashes[id] == hash, equals(id, bytes) { return Int32(id) }
            slot = (slot + 1) & mask
        }
    }

    /// Convenience for cold paths.
    public mutating func intern(_ string: String) -> Int32 {
        var copy = string
        return copy.withUTF8 { intern($0) }
    }

    /// The bytes of `id` as a String (cold path: reports).
    public func string(for id: Int32) -> String {
        let start = starts[Int(id)]
        return String(decoding: arena[start..<start + Int(lengths[Int(id)])], as: UTF8.self)
    }

    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Int(lengths[id]) == bytes.count else { return false }
        let start = starts[id]
        return arena.withUnsafeBufferPointer { stored in
            var index = 0
            while index < bytes.count {
                if stored[start + index] != bytes[index] { return false }
                index += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for id in 0..<starts.count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id + 1)
        }
    }

    /// FNV-1a, 64 bit, with a final mix so that low bits spread well.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}
