/// The inputs a state store has counted, looked up by the first bytes of a new input.
///
/// An input matches a record when it starts with the record's head: the same
/// `ContentDigest.headCapacity` bytes, or — for a record counted while shorter — the record's
/// whole head as its prefix. Whether the rest of what was counted is unchanged is proven
/// later, by the CRC-32 at the record's length.
public struct InputLedger: Sendable {
    public private(set) var records: [CountedInput]
    private var byFullHead: [String: Int] = [:]
    /// Indexes of records whose head is shorter than the capacity, by head length.
    private var shortHeads: [Int: [Int]] = [:]

    public init(records: [CountedInput] = []) {
        self.records = records
        rebuildIndex()
    }

    /// The record `head` (an input's first bytes) continues, if any.
    public func match(head: [UInt8]) -> CountedInput? {
        matchIndex(head: head).map { records[$0] }
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
    public func longer(than length: Int64, startingLike head: [UInt8]) -> CountedInput? {
        let digest = ContentDigest.lineDigest(of: head)
        guard !digest.isEmpty else { return nil }
        return records.last { $0.lineDigest == digest && $0.length > length }
    }

    /// Adds `record`, replacing the one it continues (same id, or same head).
    public mutating func remember(_ record: CountedInput) {
        if let index = records.firstIndex(where: { ($0.id != nil && $0.id == record.id) || ($0.headLength == record.headLength && $0.headDigest == record.headDigest) }) {
            records[index] = record
        } else {
            records.append(record)
        }
        rebuildIndex()
    }

    /// Replaces the record at the same position as `previous` by `updated` (the same input,
    /// read further: its head may now be longer).
    public mutating func replace(_ previous: CountedInput, with updated: CountedInput) {
        if let index = records.firstIndex(of: previous) {
            records[index] = updated
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
            let digest = ContentDigest.headDigest(of: head.prefix(length))
            if let index = shortHeads[length]!.first(where: { records[$0].headDigest == digest }) {
                return index
            }
        }
        return nil
    }

    private mutating func rebuildIndex() {
        byFullHead = [:]
        shortHeads = [:]
        for (index, record) in records.enumerated() {
            if record.headLength >= ContentDigest.headCapacity {
                byFullHead[record.headDigest] = index
            } else {
                shortHeads[record.headLength, default: []].append(index)
            }
        }
    }
}
