/// Orders inputs so that two that hold the same content are never counted at once.
///
/// Inputs that start alike — the same first `ContentDigest.headCapacity` bytes, one's whole
/// head a prefix of the other's, or continuations of the same counted record — form one
/// group, counted in command-line order by one worker: the second sees what the first
/// counted and adds only what is new. Everything else runs in parallel.
struct InputGrouping {
    /// What identifies an input's start: its head's digest and bytes (nil: unknown).
    private struct Start {
        var digest: String
        var head: [UInt8]
        var isFull: Bool { head.count >= ContentDigest.headCapacity }
    }

    /// Groups of input indexes, each in command-line order, ordered by their first member.
    static func groups(of inputs: [InputSource], ledger: InputLedger) -> [[Int]] {
        var starts: [Start?] = []
        var matches: [Int?] = []
        for input in inputs {
            guard case .file = input, let base = try? input.open() else {
                // Standard input cannot be read twice; an unopenable file fails when counted.
                starts.append(nil)
                matches.append(nil)
                continue
            }
            var reader = ContentReader(base: base)
            reader.readHead()
            let head = reader.head
            starts.append(Start(digest: ContentDigest.headDigest(of: head), head: head))
            matches.append(ledger.match(head: head).flatMap { record in ledger.records.firstIndex(of: record) })
        }
        var parent = Array(inputs.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index { index = parent[index] }
            return index
        }
        func join(_ a: Int, _ b: Int) {
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var byDigest: [String: Int] = [:]
        var byRecord: [Int: Int] = [:]
        for index in inputs.indices {
            if let start = starts[index], start.isFull {
                if let other = byDigest[start.digest] { join(other, index) } else { byDigest[start.digest] = index }
            }
            if let record = matches[index] {
                if let other = byRecord[record] { join(other, index) } else { byRecord[record] = index }
            }
        }
        for index in inputs.indices {
            guard let start = starts[index], !start.isFull, !start.head.isEmpty else { continue }
            for other in inputs.indices where other != index {
                if let head = starts[other]?.head, head.count >= start.head.count, head.starts(with: start.head) {
                    join(index, other)
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        for index in inputs.indices { groups[root(index), default: []].append(index) }
        return groups.keys.sorted().map { groups[$0]! }
    }
}
