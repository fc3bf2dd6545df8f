/// What the state store remembers of one input it has counted, by content: its first bytes'
/// digest, how many decoded bytes were counted and their CRC-32, and the days they touched.
///
/// The name is only for messages: a rotated `access.log.1` that comes back as
/// `access.log.2.gz` has the same head and checksum, so it is the same input.
public struct CountedInput: Hashable, Sendable {
    /// The row id in the store; nil until stored.
    public var id: Int64?
    /// How many bytes `headDigest` covers: `ContentDigest.headCapacity`, or fewer for an
    /// input that was shorter when counted.
    public var headLength: Int
    public var headDigest: String
    /// SHA-256 of its first line (up to the head's end): a log rewritten under the same name
    /// keeps its first line but not its head, and is told apart from a new log by it.
    public var lineDigest: String = ""
    /// Decoded bytes counted, from the start of the input.
    public var length: Int64
    /// CRC-32 of those bytes.
    public var checksum: UInt32
    /// The name it was last read under.
    public var name: String
    /// Lines counted.
    public var lines: Int64
    /// Earliest and latest request time counted, epoch seconds.
    public var first: Int64?
    public var last: Int64?
    /// Local days with requests in the counted part (the report window of a rerun).
    public var days: [LocalDay]
    /// When it was last counted (epoch seconds).
    public var countedAt: Int64
    /// Bytes the store held for it before this run (0 for an input new to the store): a
    /// commit refuses the update when another run moved it on meanwhile.
    public var countedBefore: Int64 = 0

    public init(
        id: Int64? = nil, headLength: Int, headDigest: String, lineDigest: String = "", length: Int64, checksum: UInt32, name: String,
        lines: Int64, first: Int64?, last: Int64?, days: [LocalDay], countedAt: Int64
    ) {
        self.id = id
        self.headLength = headLength
        self.headDigest = headDigest
        self.lineDigest = lineDigest
        self.length = length
        self.checksum = checksum
        self.name = name
        self.lines = lines
        self.first = first
        self.last = last
        self.days = days
        self.countedAt = countedAt
    }

    /// `days` as stored: day numbers separated by commas.
    public var daysText: String {
        days.map { String($0.number) }.joined(separator: ",")
    }

    /// Days from their stored text; unreadable parts are skipped.
    public static func days(fromText text: String) -> [LocalDay] {
        text.split(separator: ",").compactMap { Int32($0).map(LocalDay.init(number:)) }
    }
}
