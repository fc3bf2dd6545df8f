#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits an HTTP request line or request target into method, path and query spans.
public enum RequestLine {
    /// Fills `record.method`, `record.path` and `record.query` from the request line
    /// `METHOD TARGET [PROTOCOL]` found at `span` of `record.text`.
    /// - Returns: false when the line has no method and target (e.g. `-`, `""`, junk bytes
    ///   that scanners send); the caller decides whether that is malformed.
    @discardableResult
    public static func split(_ span: ByteSpan, into record: inout LogRecord) -> Bool {
        let text = record.text
        var index = Int(span.start)
        let end = Int(span.end)
        let methodStart = index
        index = firstIndex(of: ASCII.space, in: text, from: index, to: end)
        let methodEnd = index
        guard methodEnd > methodStart, index < end else { return false }
        while index < end, text[index] == ASCII.space { index += 1 }
        let targetStart = index
        index = firstIndex(of: ASCII.space, in: text, from: index, to: end)
        guard index > targetStart else { return false }
        record.method = ByteSpan(start: methodStart, end: methodEnd)
        splitTarget(ByteSpan(start: targetStart, end: index), into: &record)
        return true
    }

    /// Fills `record.path` and `record.query` from a request target (`/a/b?x=1`), dropping
    /// the scheme and authority of an absolute URL (`http://host:80/a?x=1`, as load balancers log).
    public static func splitTarget(_ span: ByteSpan, into record: inout LogRecord) {
        let text = record.text
        var start = Int(span.start)
        let end = Int(span.end)
        if let afterAuthority = pathStartOfAbsoluteURL(text, start: start, end: end) {
            start = afterAuthority
        }
        let index = firstIndex(of: ASCII.questionMark, in: text, from: start, to: end)
        record.path = ByteSpan(start: start, end: index)
        record.query = index < end ? ByteSpan(start: index + 1, end: end) : .empty
    }

    /// The offset of the first `byte` in `text[start..<end]`, or `end`.
    @inline(__always)
    private static func firstIndex(of byte: UInt8, in text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard start < end, let base = text.baseAddress, let found = memchr(base + start, Int32(byte), end - start) else {
            return max(start, end)
        }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// For `scheme://authority/path…` the offset of the path (or of the end when there is
    /// no path); nil for an origin-form target.
    private static func pathStartOfAbsoluteURL(_ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int? {
        guard start < end, text[start] != ASCII.slash else { return nil }
        var index = start
        while index < end, text[index] != ASCII.colon {
            let byte = ASCII.lowercased(text[index])
            guard (byte >= 0x61 && byte <= 0x7A) || ASCII.isDigit(byte) || byte == 0x2B || byte == 0x2E || byte == ASCII.dash else {
                return nil
            }
            index += 1
        }
        guard index + 2 < end, text[index + 1] == ASCII.slash, text[index + 2] == ASCII.slash else { return nil }
        index += 3
        while index < end, text[index] != ASCII.slash, text[index] != ASCII.questionMark { index += 1 }
        return index
    }
}
