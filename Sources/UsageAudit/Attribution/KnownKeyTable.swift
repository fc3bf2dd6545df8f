/// The keys of a key directory as `SecretRedactor` looks for them in text: indexed by their
/// first four scalars, so that a quoted line is read once whatever the number of keys. The
/// keys' bytes are the directory's own interner, shared: a million keys of 32 hex
/// characters add about 10 MB here (an array of scalars per key cost 160 MB, a copy of
/// their UTF-8 40 MB; keys of letters and digits have about one start each, and an array
/// each).
struct KnownKeyTable: Sendable {
    /// The keys' UTF-8, by id.
    private let keys: ByteInterner
    /// Key `id`'s length in scalars.
    private var lengths: [Int32] = []
    /// Keys of four scalars or more by their first four (`startKey`), longest first.
    private var byStart: [UInt64: [Int32]] = [:]
    /// Keys of two or three scalars, longest first.
    private var tiny: [Int32] = []

    /// A table of the keys `keys` holds (those one scalar long or empty are not searched for).
    init(keys: ByteInterner) {
        self.keys = keys
        lengths.reserveCapacity(keys.count)
        for id in 0..<Int32(keys.count) {
            var count = 0
            var start: UInt64 = 0
            _ = Self.forEachScalar(ofKey: id, in: keys) { scalar in
                if count < 4 { start = start << 21 ^ UInt64(scalar.value) }
                count += 1
                return true
            }
            lengths.append(Int32(count))
            if count >= 4 {
                byStart[start, default: []].append(id)
            } else if count > 1 {
                tiny.append(id)
            }
        }
        let lengths = lengths
        byStart = byStart.mapValues { $0.sorted { lengths[Int($0)] > lengths[Int($1)] } }
        tiny.sort { lengths[Int($0)] > lengths[Int($1)] }
    }

    /// A table of `keys` (cold path: tests).
    init(keys: some Sequence<String>) {
        var interner = ByteInterner()
        for key in keys { _ = interner.intern(key) }
        self.init(keys: interner)
    }

    var isEmpty: Bool { byStart.isEmpty && tiny.isEmpty }

    /// The first four scalars from `index`, packed (21 bits each, the top one cut to 1).
    static func startKey(_ scalars: [Unicode.Scalar], at index: Int) -> UInt64 {
        var key: UInt64 = 0
        for offset in 0..<4 { key = key << 21 ^ UInt64(scalars[index + offset].value) }
        return key
    }

    /// Calls `body` with the length, in scalars, of each key that stands in `scalars` at
    /// `index`: the keys of four scalars or more first, then the shorter ones, longest first
    /// within each; stops when `body` returns true.
    func forEachMatch(in scalars: [Unicode.Scalar], at index: Int, _ body: (Int) -> Bool) {
        if index + 4 <= scalars.count, let candidates = byStart[Self.startKey(scalars, at: index)] {
            for id in candidates where key(id, standsIn: scalars, at: index) {
                if body(Int(lengths[Int(id)])) { return }
            }
        }
        for id in tiny where key(id, standsIn: scalars, at: index) {
            if body(Int(lengths[Int(id)])) { return }
        }
    }

    /// Whether key `id` is what `scalars` hold from `index` on.
    private func key(_ id: Int32, standsIn scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + Int(lengths[Int(id)]) <= scalars.count else { return false }
        var position = index
        return Self.forEachScalar(ofKey: id, in: keys) { scalar in
            defer { position += 1 }
            return scalars[position] == scalar
        }
    }

    /// Calls `body` with each scalar of key `id` in `keys`, in order, while it returns true.
    /// - Returns: true when every scalar was seen; false when `body` stopped, or at bytes
    ///   that are not UTF-8 (the keys came from strings: there are none).
    private static func forEachScalar(ofKey id: Int32, in keys: ByteInterner, _ body: (Unicode.Scalar) -> Bool) -> Bool {
        keys.withBytes(of: id) { bytes in
            var utf8 = bytes.makeIterator()
            var decoder = UTF8()
            while true {
                switch decoder.decode(&utf8) {
                case .scalarValue(let scalar):
                    guard body(scalar) else { return false }
                case .emptyInput:
                    return true
                case .error:
                    return false
                }
            }
        }
    }
}
