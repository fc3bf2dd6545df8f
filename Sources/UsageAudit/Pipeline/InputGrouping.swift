/// Orders inputs so that two that hold the same content are never counted at once.
///
/// Inputs that start alike — the same first `ContentDigest.headCapacity` bytes, one's whole
/// head a prefix of the other's, or continuations of the same counted record — form one
/// group, counted in command-line order by one worker: the second sees what the first
/// counted and adds only what is new. Everything else runs in parallel.
///
/// Memory and time stay proportional to the inputs, for thousands of them: a full head is
/// kept as its digest only, and a short head (all of a short input) finds the heads it
/// starts among its neighbours in byte order, not by comparing it with every other.
struct InputGrouping {
    /// What identifies an input's start: its head's digest, whether the head is full, and
    /// the bytes of a short one.
    private struct Start {
        var digest: String
        var isFull: Bool
        var head: [UInt8]

        init(head: [UInt8]) {
            digest = ContentDigest.headDigest(of: head)
            isFull = head.count >= ContentDigest.headCapacity
            self.head = isFull ? [] : head
        }
    }

    /// Groups of input indexes, each in command-line order, ordered by their first member.
    static func groups(of inputs: [InputSource], ledger: InputLedger) -> [[Int]] {
        var starts: [Start?] = []
        var matches: [Int?] = []
        for input in inputs {
            guard let head = head(of: input) else {
                // Standard input cannot be read twice; an unopenable file fails when counted.
                starts.append(nil)
                matches.append(nil)
                continue
            }
            starts.append(Start(head: head))
            matches.append(ledger.matchPosition(head: head))
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
        joinShortHeads(starts, inputs: inputs, join: join)
        var groups: [Int: [Int]] = [:]
        for index in inputs.indices { groups[root(index), default: []].append(index) }
        return groups.keys.sorted().map { groups[$0]! }
    }

    /// The head of a file input, or nil (standard input, a file that cannot be opened).
    private static func head(of input: InputSource) -> [UInt8]? {
        guard case .file = input, let base = try? input.open() else { return nil }
        var reader = ContentReader(base: base)
        reader.readHead()
        return reader.head
    }

    /// Joins each short head with the inputs whose heads start with it. Among the short
    /// heads, sorted by their bytes, those a head starts follow it directly. A full head is
    /// known by its digest only: it is read again, once, when there are short heads, and
    /// the short heads it starts are found from the greatest short head not above it, `X`:
    /// each of them starts `X` too, so they are `X` and the chain of heads that start `X`.
    private static func joinShortHeads(_ starts: [Start?], inputs: [InputSource], join: (Int, Int) -> Void) {
        let short = starts.indices.compactMap { index -> (head: [UInt8], index: Int)? in
            guard let start = starts[index], !start.isFull, !start.head.isEmpty else { return nil }
            return (start.head, index)
        }
        guard !short.isEmpty else { return }
        let ordered = short.sorted { precedes($0.head, $1.head) }
        // The nearest earlier head that starts each one (-1: none), from a stack of the
        // chain of heads that start the current one.
        var startedBy = [Int](repeating: -1, count: ordered.count)
        var chain: [Int] = []
        for (position, entry) in ordered.enumerated() {
            while let top = chain.last, !entry.head.starts(with: ordered[top].head) { chain.removeLast() }
            if let top = chain.last {
                startedBy[position] = top
                join(ordered[top].index, entry.index)
            }
            chain.append(position)
        }
        // Each head also joins the heads that start the one that starts it (transitively
        // through `join`), so a head is joined with every head that starts it.
        for index in starts.indices where starts[index]?.isFull == true {
            guard let head = head(of: inputs[index]), head.count >= ContentDigest.headCapacity else { continue }
            // The greatest short head not above `head`.
            var (low, high) = (0, ordered.count)
            while low < high {
                let middle = (low + high) / 2
                if precedes(head, ordered[middle].head) { high = middle } else { low = middle + 1 }
            }
            var candidate = low - 1
            while candidate >= 0 {
                if head.starts(with: ordered[candidate].head) {
                    join(ordered[candidate].index, index)
                    break
                }
                candidate = startedBy[candidate]
            }
        }
    }

    private static func precedes(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        left.withUnsafeBufferPointer { l in right.withUnsafeBufferPointer { r in ByteInterner.precedes(l, r) } }
    }
}
