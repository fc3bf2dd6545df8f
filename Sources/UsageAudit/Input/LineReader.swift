#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits the bytes of a `ByteSource` into lines, through one reusable buffer.
///
/// A line ends at `\n`; a `\r` just before it is dropped (CRLF logs), and a last line
/// without `\n` is still a line. NUL bytes where a line would start are skipped (a
/// copytruncate hole before the next line). Memory stays at `bufferCapacity` whatever the input:
/// a line longer than `maximumLineLength` is handed out once, cut to that length and
/// flagged `isTruncated`, and the rest of it is skipped.
///
/// Make one reader per worker and reuse it for every input; it is not thread-safe.
public struct LineReader {
    /// Lines longer than this many bytes are truncated to it.
    public let maximumLineLength: Int
    private var storage: [UInt8]

    /// A reader whose buffer holds `bufferCapacity` bytes (raised to fit at least one
    /// line of `maximumLineLength` bytes plus its terminator).
    public init(bufferCapacity: Int = 1 << 20, maximumLineLength: Int = 64 << 10) {
        let limit = max(1, maximumLineLength)
        self.maximumLineLength = limit
        storage = [UInt8](repeating: 0, count: max(bufferCapacity, limit + 3))
    }

    /// Calls `body` for each line of `source`, in order, until the source ends.
    ///
    /// If the source throws (an `InputDamage` from a damaged gzip file), every complete
    /// line before the damage has been delivered; the bytes after the last newline are then
    /// delivered as one more line flagged `isCutByDamage`, and the error is rethrown.
    /// An error thrown by `body` stops the reading and is rethrown.
    public mutating func forEachLine(
        in source: inout some ByteSource, _ body: (InputLine) throws -> Void
    ) throws {
        let limit = maximumLineLength
        try storage.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let capacity = buffer.count
            // Unread bytes are base[start..<end]; base[..<start] is already delivered.
            var start = 0
            var end = 0
            var lineNumber = 0
            // Decoded bytes moved out of the buffer before `base[0]`.
            var shifted: Int64 = 0
            // True while skipping the tail of an overlong line that was already delivered.
            var skippingTail = false

            func deliver(from lineStart: Int, to lineEnd: Int, cutByDamage: Bool, unterminated: Bool = false) throws {
                var contentEnd = lineEnd
                if contentEnd > lineStart && base[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                let length = contentEnd - lineStart
                lineNumber += 1
                try body(InputLine(
                    bytes: UnsafeBufferPointer(start: base + lineStart, count: min(length, limit)),
                    number: lineNumber, isTruncated: length > limit, isCutByDamage: cutByDamage,
                    offset: shifted + Int64(lineStart), isUnterminated: unterminated))
            }

            while true {
                while start < end {
                    // NUL bytes where a line starts are no line: the hole a log rotated with
                    // copytruncate gets when its writer keeps its offset, however long.
                    if base[start] == 0, !skippingTail {
                        start += 1
                        continue
                    }
                    guard let found = memchr(base + start, 0x0A, end - start) else { break }
                    let newline = start + (UnsafeRawPointer(found) - UnsafeRawPointer(base + start))
                    if skippingTail {
                        skippingTail = false
                    } else {
                        try deliver(from: start, to: newline, cutByDamage: false)
                    }
                    start = newline + 1
                }
                // No newline in base[start..<end]. Content longer than `limit` even after
                // dropping a final `\r` is an overlong line: deliver its start, skip the rest.
                if skippingTail {
                    start = end
                } else if end - start > limit + 1 {
                    lineNumber += 1
                    try body(InputLine(
                        bytes: UnsafeBufferPointer(start: base + start, count: limit),
                        number: lineNumber, isTruncated: true, offset: shifted + Int64(start)))
                    skippingTail = true
                    start = end
                }
                if start > 0 {
                    if end > start { memmove(base, base + start, end - start) }
                    end -= start
                    shifted += Int64(start)
                    start = 0
                }
                let count: Int
                do {
                    count = try source.read(into: UnsafeMutableRawBufferPointer(start: base + end, count: capacity - end))
                } catch {
                    if !skippingTail && end > start { try deliver(from: start, to: end, cutByDamage: true) }
                    throw error
                }
                guard count > 0 else {
                    if !skippingTail && end > start { try deliver(from: start, to: end, cutByDamage: false, unterminated: true) }
                    return
                }
                end += min(count, capacity - end)
            }
        }
    }
}
