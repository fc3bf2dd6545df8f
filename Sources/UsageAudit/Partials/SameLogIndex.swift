/// Content records (`CountedInput`) looked up by the log they are of: the same head, or,
/// when one of the two is shorter than a head, the same first line (a short log and a longer
/// copy of it). An empty first line, which many logs share, tells nothing.
///
/// What finds a log of one partial in another, in this run's logs, or in a state store's
/// ledger: the log cannot be counted twice.
struct SameLogIndex {
    let records: [CountedInput]
    private var heads: [String: Int] = [:]
    /// Every record of a first line, not only one: a short record and a long one may share it.
    private var lines: [String: [Int]] = [:]

    init(_ records: [CountedInput]) {
        self.records = records
        for (index, record) in records.enumerated() {
            // The first of equal heads, as the ledger keeps it.
            if heads[Self.headKey(of: record)] == nil { heads[Self.headKey(of: record)] = index }
            if let line = Self.lineKey(of: record) { lines[line, default: []].append(index) }
        }
    }

    /// The position in `records` of the first record of the same log as `record`.
    func match(_ record: CountedInput) -> Int? {
        if let same = heads[Self.headKey(of: record)] { return same }
        guard let line = Self.lineKey(of: record) else { return nil }
        return lines[line]?.first { min(records[$0].headLength, record.headLength) < ContentDigest.headCapacity }
    }

    private static func headKey(of record: CountedInput) -> String {
        "\(record.headLength):\(record.headDigest)"
    }

    /// The first-line digest of `record` when it tells logs apart: not that of an empty line.
    private static func lineKey(of record: CountedInput) -> String? {
        record.lineDigest.isEmpty || record.lineDigest == emptyLineDigest ? nil : record.lineDigest
    }

    private static let emptyLineDigest = ContentDigest.headDigest(of: [UInt8]())
}
