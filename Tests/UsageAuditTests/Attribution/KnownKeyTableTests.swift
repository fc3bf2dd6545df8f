import Testing
@testable import UsageAudit

@Suite("KnownKeyTable")
struct KnownKeyTableTests {
    private func matches(_ table: KnownKeyTable, in text: String, at index: Int) -> [Int] {
        var lengths: [Int] = []
        table.forEachMatch(in: Array(text.unicodeScalars), at: index) { length in
            lengths.append(length)
            return false
        }
        return lengths
    }

    @Test("keys standing at a position are found, longest first, short ones after long ones")
    func longestFirst() {
        let table = KnownKeyTable(keys: ["abcd1234", "abcd12", "abcdef", "ab", "abc", "x"])
        #expect(matches(table, in: "abcd1234 tail", at: 0) == [8, 6, 3, 2])
        #expect(matches(table, in: "..abcdef", at: 2) == [6, 3, 2])
        // Too close to the end for the long keys; a key of one scalar is never searched.
        #expect(matches(table, in: "abc", at: 0) == [3, 2])
        #expect(matches(table, in: "x", at: 0) == [])
        #expect(!table.isEmpty && KnownKeyTable(keys: ["x", ""]).isEmpty)
    }

    @Test("keys of any script are compared by scalars, not bytes")
    func unicodeKeys() {
        let table = KnownKeyTable(keys: ["ключ-42x", "clé1", "名前"])
        #expect(matches(table, in: "key=ключ-42x;", at: 4) == [8])
        #expect(matches(table, in: "key=ключ-42y;", at: 4) == [])
        #expect(matches(table, in: "clé1", at: 0) == [4])
        #expect(matches(table, in: "a名前", at: 1) == [2])
    }

    @Test("stopping at the first match the caller takes")
    func stops() {
        let table = KnownKeyTable(keys: ["abcd1234", "abcd12"])
        var seen: [Int] = []
        table.forEachMatch(in: Array("abcd1234".unicodeScalars), at: 0) { length in
            seen.append(length)
            return true
        }
        #expect(seen == [8])
    }
}
