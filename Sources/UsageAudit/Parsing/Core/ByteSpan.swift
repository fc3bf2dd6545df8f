/// A half-open range of byte offsets into a record's `text`.
///
/// Spans are offsets rather than slices so that a `LogRecord` can be reused for every
/// line without allocating; an empty span means "the field is absent or `-`".
public struct ByteSpan: Hashable, Sendable {
    public var start: Int32
    public var end: Int32

    public init(start: Int, end: Int) {
        self.start = Int32(start)
        self.end = Int32(end)
    }

    public static let empty = ByteSpan(start: 0, end: 0)

    public var isEmpty: Bool { end <= start }
    public var count: Int { Int(end - start) }
}
