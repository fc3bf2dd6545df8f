import Testing
@testable import UsageAudit

@Suite("ByteInterner")
struct ByteInternerTests {
    private func lookup(_ interner: ByteInterner, _ text: String) -> Int32? {
        Array(text.utf8).withUnsafeBufferPointer { interner.lookup($0) }
    }

    private func intern(_ interner: inout ByteInterner, bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBufferPointer { interner.intern($0) }
    }

    @Test("ids are dense, in first-seen order, and stable")
    func stableIds() {
        var interner = ByteInterner()
        #expect(interner.intern("alice") == 0)
        #expect(interner.intern("bob") == 1)
        #expect(interner.intern("alice") == 0)
        #expect(interner.intern("carol") == 2)
        #expect(interner.intern("bob") == 1)
        #expect(interner.count == 3)
        #expect(interner.string(for: 0) == "alice")
        #expect(interner.string(for: 1) == "bob")
        #expect(interner.string(for: 2) == "carol")
    }

    @Test("lookup finds interned bytes and nothing else, without adding")
    func lookupOnly() {
        var interner = ByteInterner()
        _ = interner.intern("alice")
        _ = interner.intern("")
        #expect(lookup(interner, "alice") == 0)
        #expect(lookup(interner, "") == 1)
        #expect(lookup(interner, "alic") == nil)
        #expect(lookup(interner, "alice ") == nil)
        #expect(lookup(interner, "Alice") == nil)
        #expect(interner.count == 2)
    }

    @Test("the empty string and binary bytes are ordinary keys")
    func binaryKeys() {
        var interner = ByteInterner()
        let keys: [[UInt8]] = [[], [0], [0, 0], [0xFF], [0xFF, 0x00], [0x00, 0xFF], [0x80]]
        let ids = keys.map { intern(&interner, bytes: $0) }
        #expect(ids == [0, 1, 2, 3, 4, 5, 6])
        #expect(keys.map { intern(&interner, bytes: $0) } == ids)
        #expect(interner.count == keys.count)
    }

    @Test("ids survive growth past several thousand keys", arguments: [1, 16, 1024])
    func growth(capacity: Int) {
        var interner = ByteInterner(capacity: capacity)
        let count = 20_000
        for index in 0..<count {
            #expect(interner.intern("user-\(index)") == Int32(index))
        }
        #expect(interner.count == count)
        for index in stride(from: 0, to: count, by: 1) where index % 7 == 0 || index > count - 50 {
            #expect(lookup(interner, "user-\(index)") == Int32(index))
            #expect(interner.string(for: Int32(index)) == "user-\(index)")
        }
        #expect(lookup(interner, "user-\(count)") == nil)
        #expect(interner.intern("user-123") == 123)
        #expect(interner.count == count)
    }

    @Test("keys whose hashes share a table slot are kept apart")
    func slotCollisions() {
        // With 16 slots, keys whose hashes agree in the low 4 bits probe the same slots.
        var colliding: [String] = []
        var candidate = 0
        let target = Array("seed".utf8).withUnsafeBufferPointer { ByteInterner.hash($0) } & 0xF
        while colliding.count < 6 {
            let text = "k\(candidate)"
            let hash = Array(text.utf8).withUnsafeBufferPointer { ByteInterner.hash($0) }
            if hash & 0xF == target { colliding.append(text) }
            candidate += 1
        }
        var interner = ByteInterner(capacity: 1)
        let ids = colliding.map { interner.intern($0) }
        #expect(ids == Array(0..<Int32(colliding.count)))
        for (id, text) in zip(ids, colliding) {
            #expect(lookup(interner, text) == id)
            #expect(interner.string(for: id) == text)
        }
        #expect(lookup(interner, "seed") == nil)
    }

    @Test("equal hashes with different bytes are told apart by their bytes")
    func equalHashes() {
        // A full 64-bit collision cannot be made on purpose, so this checks that lookup
        // compares bytes and lengths: prefixes and same-length variants of a key differ.
        var interner = ByteInterner()
        let base = Array("abcdefgh".utf8)
        _ = intern(&interner, bytes: base)
        var variants: [[UInt8]] = [Array(base.dropLast()), base + [0], base.reversed()]
        for index in base.indices {
            var copy = base
            copy[index] ^= 0x20
            variants.append(copy)
        }
        for variant in variants {
            #expect(variant.withUnsafeBufferPointer { interner.lookup($0) } == nil, "\(variant)")
        }
        let ids = variants.map { intern(&interner, bytes: $0) }
        #expect(Set(ids).count == variants.count)
        #expect(!ids.contains(0))
    }

    @Test("the hash depends on every byte and on the length")
    func hashSpreads() {
        func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer { ByteInterner.hash($0) } }
        #expect(hash([]) != hash([0]))
        #expect(hash([0]) != hash([0, 0]))
        #expect(hash([1, 2]) != hash([2, 1]))
        var lowBits = Set<UInt64>()
        for index in 0..<256 { lowBits.insert(hash(Array("user-\(index)".utf8)) & 0xFF) }
        // 256 keys over 256 low-bit values: a good mix fills well over half of them.
        #expect(lowBits.count > 140)
    }

    @Test("an interner is a value: copies evolve independently")
    func valueSemantics() {
        var original = ByteInterner()
        _ = original.intern("a")
        var copy = original
        _ = copy.intern("b")
        #expect(original.count == 1)
        #expect(copy.count == 2)
        #expect(lookup(original, "b") == nil)
    }
}

@Suite("ByteInterner long and similar names")
struct ByteInternerLongNameTests {
    @Test("names sharing their first 16 bytes, of every length around 8 and 16, stay apart")
    func sharedHeads() {
        var interner = ByteInterner(capacity: 1)
        var names: [String] = []
        for length in 0..<40 {
            names.append(String(repeating: "a", count: length))
            names.append(String(repeating: "a", count: max(0, length - 1)) + "b")
            names.append("0123456789abcdef" + String(repeating: "x", count: length))
        }
        let unique = Array(Set(names)).sorted()
        let ids = unique.map { interner.intern($0) }
        #expect(Set(ids).count == unique.count)
        #expect(unique.map { interner.intern($0) } == ids)
        for (name, id) in zip(unique, ids) {
            #expect(interner.lookup(name) == id)
            #expect(interner.string(for: id) == name)
        }
        #expect(interner.lookup("0123456789abcdef" + String(repeating: "x", count: 41)) == nil)
    }

    @Test("ranks order names by their bytes")
    func ranks() {
        var interner = ByteInterner()
        let names = ["bob", "Bob", "alice", "", "al", "zoë", "z", "alice2"]
        for name in names { _ = interner.intern(name) }
        let rank = interner.ranksByBytes()
        let ordered = names.indices.sorted { rank[$0] < rank[$1] }.map { names[$0] }
        #expect(ordered == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test("ranks order names by all their bytes: NULs, high bytes, and names alike in their first eight")
    func ranksPastTheFirstEightBytes() {
        var random = SeededRandom(seed: 8)
        // A few bytes, so that names often share their first eight (the part compared as a
        // number) and differ after them, or are prefixes of each other, or end in NULs.
        let alphabet: [UInt8] = [0x00, 0x01, 0x61, 0x7F, 0x80, 0xFF]
        // In the order drawn (a Set's order changes from process to process), each once.
        var list: [[UInt8]] = [[], [0x00], [0x00, 0x00], Array(repeating: 0x61, count: 8), Array(repeating: 0x61, count: 9)]
        var drawn = Set(list)
        while list.count < 3_000 {
            let length = Int.random(in: 0...14, using: &random)
            let shared = random.chance(0.5) ? Array(repeating: UInt8(0x61), count: min(length, 8)) : []
            let name = shared + (shared.count..<length).map { _ in random.pick(alphabet) }
            if drawn.insert(name).inserted { list.append(name) }
        }
        var interner = ByteInterner()
        let ids = list.map { name in name.withUnsafeBufferPointer { interner.intern($0) } }
        let rank = interner.ranksByBytes()
        let ordered = list.indices.sorted { rank[Int(ids[$0])] < rank[Int(ids[$1])] }.map { list[$0] }
        #expect(ordered == list.sorted { $0.lexicographicallyPrecedes($1) })
    }
}
