/// The keys of a key directory as `SecretRedactor` looks for them in text: their UTF-8 in
/// one arena, indexed by their first four scalars, so that a quoted line is read once
/// whatever the number of keys, and a million keys cost about 40 MB (an array of scalars
/// per key cost four times that, and was built on every run, malformed lines or not).
struct KnownKeyTable: Sendable {
    /// Key `id`'s UTF-8 is `bytes[starts[id]..<starts[id + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// Key `id`'s length in scalars.
    private var lengths: [Int32] = []
    /// Keys of four scalars or more by their first four (`startKey`), longest first.
    private var byStart: [UInt64: [Int32]] = [:]
    /// Keys of two or three scalars, longest first.
    private var tiny: [Int32] = []

    /// A table of `keys` (one scalar long or empty: not searched for).
    init(keys: some Sequence<String>) {
        for key in keys {
            var count = 0
            var start: UInt64 = 0
            for scalar in key.unicodeScalars {
                if count < 4 { start = start << 21 ^ UInt64(scalar.value) }
                count += 1
            }
            guard count > 1 else { continue }
            let id = Int32(lengths.count)
            bytes.append(contentsOf: key.utf8)
            starts.append(bytes.count)
            lengths.append(Int32(count))
            if count >= 4 {
                byStart[start, default: []].append(id)
            } else {
                tiny.append(id)
            }
        }
        let lengths = lengths
        byStart = byStart.mapValues { $0.sorted { lengths[Int($0)] > lengths[Int($1)] } }
        tiny.sort { lengths[Int($0)] > lengths[Int($1)] }
    }

    var isEmpty: Bool { lengths.isEmpty }

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
        return bytes.withUnsafeBufferPointer { arena in
            var utf8 = UnsafeBufferPointer(rebasing: arena[starts[Int(id)]..<starts[Int(id) + 1]]).makeIterator()
            var decoder = UTF8()
            var position = index
            while true {
                switch decoder.decode(&utf8) {
                case .scalarValue(let scalar):
                    guard scalars[position] == scalar else { return false }
                    position += 1
                case .emptyInput:
                    return true
                case .error:
                    return false
                }
            }
        }
    }
}
