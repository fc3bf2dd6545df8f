/// One parsed access-log line: the facts the later stages need, as byte spans.
///
/// A parser fills a record in place for every line; the record's spans point into
/// `text`, which is the line itself or a buffer the parser owns (for formats such as
/// JSON whose values must be unescaped). `text` is valid only until the next call to
/// the parser, so stages copy what they keep.
public struct LogRecord {
    /// The bytes the spans refer to.
    public var text: UnsafeBufferPointer<UInt8>
    /// The request time, in seconds since 1970-01-01T00:00Z.
    public var timestamp: Int64
    /// The HTTP status code, or 0 when the format has none.
    public var status: Int
    /// The client address as logged (may carry `:port`; attribution strips it).
    public var remoteAddress: ByteSpan
    /// The authenticated user (`$remote_user`, `%u`); empty when `-`.
    public var remoteUser: ByteSpan
    public var method: ByteSpan
    /// The request path without the query string, percent-encoding kept as logged.
    public var path: ByteSpan
    /// The query string without the leading `?`.
    public var query: ByteSpan
    /// Every named field of the format, indexed by `FieldCatalog` index.
    public var fields: [ByteSpan]

    public init(fieldCount: Int) {
        text = UnsafeBufferPointer(start: nil, count: 0)
        timestamp = 0
        status = 0
        (remoteAddress, remoteUser, method, path, query) = (.empty, .empty, .empty, .empty, .empty)
        fields = Array(repeating: .empty, count: fieldCount)
    }

    /// Clears every span so that the record can be filled from the next line.
    public mutating func reset(text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        timestamp = 0
        status = 0
        remoteAddress = .empty
        remoteUser = .empty
        method = .empty
        path = .empty
        query = .empty
        for index in fields.indices { fields[index] = .empty }
    }

    /// The bytes of `span`.
    @inline(__always)
    public func bytes(_ span: ByteSpan) -> UnsafeBufferPointer<UInt8> {
        guard !span.isEmpty, let base = text.baseAddress else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base + Int(span.start), count: span.count)
    }

    /// The bytes of `span` decoded as UTF-8 (invalid bytes are repaired), for cold paths.
    public func string(_ span: ByteSpan) -> String {
        String(decoding: bytes(span), as: UTF8.self)
    }
}
