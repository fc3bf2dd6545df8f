/// A regular expression of the simplest kind scopes use, `^/api/v[12]/route`, matched byte
/// by byte: `^`, then ASCII literals (specials escaped with `\`) and bracket expressions of
/// ASCII characters and ranges, and an optional `$`. Such a pattern matches exactly the
/// paths that start with one byte of each set in turn (and end there, with `$`), as POSIX
/// `regexec` decides (ranges in byte order, as in the C locale and glibc's rational ranges):
/// no byte outside ASCII can match it.
///
/// Anything else (quantifiers, groups, alternation, `.`, negated or named classes) is not
/// simple: `init` returns nil and `PathRegex` uses `regexec`.
struct AnchoredBytePattern {
    /// Per position, the bytes allowed there (a 128-bit set of ASCII bytes).
    private let sets: [(low: UInt64, high: UInt64)]
    private let anchoredAtEnd: Bool

    init?(_ pattern: String) {
        let bytes = Array(pattern.utf8)
        guard bytes.first == UInt8(ascii: "^") else { return nil }
        var sets: [(low: UInt64, high: UInt64)] = []
        var index = 1
        var anchoredAtEnd = false
        let specials = Set(".[]()*+?{}|^$\\".utf8)
        while index < bytes.count {
            let byte = bytes[index]
            guard byte < 0x80 else { return nil }
            switch byte {
            case UInt8(ascii: "$"):
                guard index == bytes.count - 1 else { return nil }
                anchoredAtEnd = true
                index += 1
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count, specials.contains(bytes[index + 1]) else { return nil }
                sets.append(Self.set(of: [bytes[index + 1]]))
                index += 2
            case UInt8(ascii: "["):
                guard let (members, next) = Self.bracket(bytes, from: index + 1) else { return nil }
                sets.append(Self.set(of: members))
                index = next
            default:
                guard !specials.contains(byte) else { return nil }
                sets.append(Self.set(of: [byte]))
                index += 1
            }
            // A quantifier after the atom makes the pattern not simple.
            if index < bytes.count, "*+?{".utf8.contains(bytes[index]) { return nil }
        }
        self.sets = sets
        self.anchoredAtEnd = anchoredAtEnd
    }

    /// Whether `path` starts with (or, with `$`, is) a sequence of the pattern's bytes.
    func matches(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        guard path.count >= sets.count, !anchoredAtEnd || path.count == sets.count else { return false }
        for index in sets.indices {
            let byte = path[index]
            guard byte < 0x80 else { return false }
            let set = sets[index]
            let bit = byte < 64 ? set.low >> UInt64(byte) : set.high >> UInt64(byte - 64)
            if bit & 1 == 0 { return false }
        }
        return true
    }

    private static func set(of members: [UInt8]) -> (low: UInt64, high: UInt64) {
        var set: (low: UInt64, high: UInt64) = (0, 0)
        for byte in members where byte < 0x80 {
            if byte < 64 { set.low |= 1 << UInt64(byte) } else { set.high |= 1 << UInt64(byte - 64) }
        }
        return set
    }

    /// The members of a bracket expression starting after its `[`, and the index after its
    /// `]`; nil for a negated, named or otherwise unusual one.
    private static func bracket(_ bytes: [UInt8], from start: Int) -> ([UInt8], Int)? {
        var members: [UInt8] = []
        var index = start
        guard index < bytes.count, bytes[index] != UInt8(ascii: "^") else { return nil }
        var first = true
        while index < bytes.count {
            let byte = bytes[index]
            guard byte < 0x80, byte != 0 else { return nil }
            if byte == UInt8(ascii: "]") && !first { return members.isEmpty ? nil : (members, index + 1) }
            // `[` inside brackets may start a class name ([:digit:]); `\` is literal in POSIX
            // brackets but easy to misread: neither is simple.
            guard byte != UInt8(ascii: "["), byte != UInt8(ascii: "\\") else { return nil }
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-"), bytes[index + 2] != UInt8(ascii: "]") {
                let end = bytes[index + 2]
                guard end < 0x80, end >= byte, end != UInt8(ascii: "["), end != UInt8(ascii: "\\") else { return nil }
                members += Array(byte...end)
                index += 3
            } else {
                members.append(byte)
                index += 1
            }
            first = false
        }
        return nil
    }
}
