/// The inputs a state store has counted, looked up by the first bytes of a new input.
///
/// An input matches a record when it starts with the record's head: the same
/// `ContentDigest.headCapacity` bytes, or — for a record counted while shorter — the record's
/// whole head as its prefix. Whether the rest of what was counted is unchanged is proven
/// later, by the CRC-32 at the record's length.
public struct InputLedger: Sendable {
    public private(set) var records: [CountedInput]
    private var byFullHead: [String: Int] = [:]
    /// Indexes of records whose head is shorter than the capacity, by head length and digest.
    private var shortHeads: [Int: [String: Int]] = [:]
    /// The positions in `records` that `remember` and `replace` changed: what a run adds
    /// to the store, found without comparing every record.
    public private(set) var changedIndices: Set<Int> = []

    public init(records: [CountedInput] = []) {
        self.records = records
        rebuildIndex()
    }

    /// The record `head` (an input's first bytes) continues, if any.
    public func match(head: [UInt8]) -> CountedInput? {
        matchIndex(head: head).map { records[$0] }
    }

    /// The position in `records` of the record `head` continues, if any.
    public func matchPosition(head: [UInt8]) -> Int? {
        matchIndex(head: head)
    }

    /// A record counted under `name` whose first line `head` repeats, though the head does not
    /// match: the same log, rewritten since it was counted.
    public func rewritten(name: String, head: [UInt8]) -> CountedInput? {
        let digest = ContentDigest.lineDigest(of: head)
        return records.last { $0.name == name && $0.lineDigest == digest && !$0.lineDigest.isEmpty }
    }

    /// A record longer than `length` bytes whose first line `head` (all of a short input)
    /// repeats, though the head matched no record: possibly a copy of that record's start,
    /// which a head shorter than `ContentDigest.headCapacity` cannot prove.
    /// - Parameter accepts: what else the record must be (default: anything).
    public func longer(
        than length: Int64, startingLike head: [UInt8], where accepts: (CountedInput) -> Bool = { _ in true }
    ) -> CountedInput? {
        let digest = ContentDigest.lineDigest(of: head)
        guard !digest.isEmpty else { return nil }
        return records.last { $0.lineDigest == digest && $0.length > length && accepts($0) }
    }

    /// Adds `record`, replacing the one it continues (same id, or same head).
    public mutating func remember(_ record: CountedInput) {
        if let index = records.firstIndex(where: { ($0.id != nil && $0.id == record.id) || ($0.headLength == record.headLength && $0.headDigest == record.headDigest) }) {
            records[index] = record
            changedIndices.insert(index)
            rebuildIndex()
        } else {
            records.append(record)
            changedIndices.insert(records.count - 1)
            index(records.count - 1)
        }
    }

    /// The records this ledger's `remember` and `replace` changed or added, in order.
    public var changedRecords: [CountedInput] {
        changedIndices.sorted().map { records[$0] }
    }

    /// Replaces the record at the same position as `previous` by `updated` (the same input,
    /// read further: its head may now be longer).
    public mutating func replace(_ previous: CountedInput, with updated: CountedInput) {
        if let index = records.firstIndex(of: previous) {
            records[index] = updated
            changedIndices.insert(index)
            rebuildIndex()
        } else {
            remember(updated)
        }
    }

    private func matchIndex(head: [UInt8]) -> Int? {
        if head.count >= ContentDigest.headCapacity,
           let index = byFullHead[ContentDigest.headDigest(of: head.prefix(ContentDigest.headCapacity))] {
            return index
        }
        // Longest short head first: the record that covers the most of this input.
        for length in shortHeads.keys.sorted(by: >) where length <= head.count {
            if let index = shortHeads[length]![ContentDigest.headDigest(of: head.prefix(length))] {
                return index
            }
        }
        return nil
    }

    private mutating func rebuildIndex() {
        byFullHead = [:]
        shortHeads = [:]
        for index in records.indices { self.index(index) }
    }

    /// Adds the record at `index` to the lookup tables (the first of equal heads wins).
    private mutating func index(_ index: Int) {
        let record = records[index]
        if record.headLength >= ContentDigest.headCapacity {
            byFullHead[record.headDigest] = index
        } else if shortHeads[record.headLength]?[record.headDigest] == nil {
            shortHeads[record.headLength, default: [:]][record.headDigest] = index
        }
    }
}
