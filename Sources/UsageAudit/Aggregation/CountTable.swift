/// A key of a `CountTable`: small, compared whole, hashed by the table.
protocol CountTableKey: Hashable, Sendable, BitwiseCopyable {
    /// A well-mixed 64-bit hash (the table uses its low bits).
    var tableHash: UInt64 { get }
}

/// Usage counts by key in an open-addressing table: entries live in two dense arrays in
/// insertion order (until `reorder(_:)`), and a power-of-two index of slots (linear
/// probing) finds them, so that
/// counting a request is one hash, a probe or two and no allocation, and iterating is a
/// walk over arrays.
///
/// Entries are never removed one by one; `filter(_:)` rebuilds the table (pruning).
struct CountTable<Key: CountTableKey>: Sendable {
    private(set) var keys: [Key] = []
    private(set) var counts: [UsageCounts] = []
    /// `entry + 1` per slot; 0 is empty.
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        self.init(indexSize: size)
    }

    /// A table of `keys` with their `counts` (parallel), which must all be distinct (not
    /// checked): the index is built in one pass, as compact as a finished table's
    /// (`compactIndexSize(for:)`; adding keys grows it back to at most half full).
    init(distinctKeys keys: [Key], counts: [UsageCounts]) {
        precondition(keys.count == counts.count)
        self.init(indexSize: Self.compactIndexSize(for: keys.count))
        self.keys = keys
        self.counts = counts
        indexEntries()
    }

    private init(indexSize size: Int) {
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { keys.count }
    var isEmpty: Bool { keys.isEmpty }

    /// The index of the entry of `key`, created with zero counts when missing.
    @inline(__always)
    mutating func entry(for key: Key) -> Int {
        var slot = Int(truncatingIfNeeded: key.tableHash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if keys[Int(entry - 1)] == key { return Int(entry - 1) }
            slot = (slot + 1) & mask
        }
        let index = keys.count
        keys.append(key)
        counts.append(UsageCounts())
        slots[slot] = Int32(index + 1)
        if keys.count * 2 > slots.count { grow() }
        return index
    }

    /// Adds an entry for `key`, which the table must not hold (not looked for: the caller
    /// knows it is new).
    @inline(__always)
    mutating func insertNew(_ value: UsageCounts, for key: Key) {
        assert(index(of: key) == nil, "insertNew(_:for:) with a key the table holds")
        var slot = Int(truncatingIfNeeded: key.tableHash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        keys.append(key)
        counts.append(value)
        slots[slot] = Int32(keys.count)
        if keys.count * 2 > slots.count { grow() }
    }

    /// The index of the entry of `key`, if there is one.
    @inline(__always)
    func index(of key: Key) -> Int? {
        var slot = Int(truncatingIfNeeded: key.tableHash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if keys[Int(entry - 1)] == key { return Int(entry - 1) }
            slot = (slot + 1) & mask
        }
    }

    /// Asks the CPU to bring in the slot where a lookup of `key` starts, for a lookup soon
    /// (a hint: it changes no result).
    @inline(__always)
    func prefetchSlot(for key: Key) {
        slots.prefetch(at: Int(truncatingIfNeeded: key.tableHash) & mask)
    }

    /// The counts of `key`, if it has an entry.
    @inline(__always)
    subscript(key: Key) -> UsageCounts? {
        index(of: key).map { counts[$0] }
    }

    /// Updates the counts of entry `index` in place.
    @inline(__always)
    mutating func update(_ index: Int, _ body: (inout UsageCounts) -> Void) {
        body(&counts[index])
    }

    /// Adds `other` to the counts of `key`.
    @inline(__always)
    mutating func add(_ other: UsageCounts, to key: Key) {
        let index = entry(for: key)
        counts[index].merge(other)
    }

    /// Keeps only the entries whose key satisfies `isIncluded` (rebuilds the table).
    mutating func filter(_ isIncluded: (Key) -> Bool) {
        // In place: the kept entries move down, then the index is rebuilt in its own array.
        var kept = 0
        for index in keys.indices where isIncluded(keys[index]) {
            if kept != index {
                keys[kept] = keys[index]
                counts[kept] = counts[index]
            }
            kept += 1
        }
        keys.removeSubrange(kept...)
        counts.removeSubrange(kept...)
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        indexEntries()
    }

    /// Releases the memory of the room past the entries (after counting, before a long
    /// life) without copying them: a copy into exact arrays would hold both at once, the
    /// run's peak at the end of counting. The index is rebuilt as a finished table's
    /// (`compactIndexSize(for:)`) when that is smaller.
    mutating func shrinkToFit() {
        keys.releaseUnusedPages()
        counts.releaseUnusedPages()
        let size = Self.compactIndexSize(for: keys.count)
        if size < slots.count { rebuild(size: size) }
    }

    /// The number of slots of the index (for tests).
    var indexSize: Int { slots.count }

    /// The fewest index slots for `count` entries of a table that is done growing: a power
    /// of two at most three quarters full. A growing table keeps its index at most half full
    /// (`entry(for:)`); a finished one is mostly looked up in, where linear probing up to
    /// three quarters full takes on average at most 2.5 slots for a hit and 8.5 for a miss,
    /// each occupied slot a read of its key (against 1.5 and 2.5 at half full), and its
    /// index may take half the memory: 17 MB instead of 34 for the 2.4 million cells of half
    /// a year's history. No run measured a slower analysis for it.
    static func compactIndexSize(for count: Int) -> Int {
        var size = 16
        while size * 3 < count * 4 { size <<= 1 }
        return size
    }

    /// Reserves room for `capacity` entries.
    mutating func reserve(_ capacity: Int) {
        if capacity > keys.capacity {
            // Geometric growth: reserving a little more each time must not copy each time.
            keys.reserveCapacity(max(capacity, keys.capacity * 2))
            counts.reserveCapacity(max(capacity, counts.capacity * 2))
        }
        if capacity * 2 > slots.count {
            var size = slots.count
            while size < capacity * 2 { size <<= 1 }
            rebuild(size: size)
        }
    }

    /// Puts the entries in the order `order` gives: entry `i` becomes the former entry
    /// `order[i]`. `order` must be a permutation of the entry indices (the caller's duty:
    /// only its length is checked).
    mutating func reorder(_ order: [Int32]) {
        precondition(order.count == keys.count)
        // One column at a time, so that only one old column is alive beside its new one.
        keys = Self.permuted(keys, by: order)
        counts = Self.permuted(counts, by: order)
        rebuild(size: slots.count)
    }

    private static func permuted<Element>(_ column: [Element], by order: [Int32]) -> [Element] {
        order.map { column[Int($0)] }
    }

    private mutating func grow() {
        rebuild(size: slots.count * 2)
    }

    private mutating func rebuild(size: Int) {
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        indexEntries()
    }

    /// Puts every entry in the index, which must be empty.
    private mutating func indexEntries() {
        slots.withUnsafeMutableBufferPointer { table in
            for (index, key) in keys.enumerated() {
                var slot = Int(truncatingIfNeeded: key.tableHash) & mask
                while table[slot] != 0 { slot = (slot + 1) & mask }
                table[slot] = Int32(index + 1)
            }
        }
    }
}

extension CountTableKey {
    /// The final mix of MurmurHash3 (fmix64).
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
