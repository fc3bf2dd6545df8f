/// A line that did not match the log format, quoted so that the user can fix the format.
public struct MalformedSample: Hashable, Sendable {
    public static let maximumBytes = 200

    public var file: String
    public var line: Int
    /// The line, cut to `maximumBytes` bytes (invalid UTF-8 repaired).
    public var text: String
    /// Why the parser refused it.
    public var reason: String

    public init(file: String, line: Int, bytes: UnsafeBufferPointer<UInt8>, reason: String) {
        self.file = file
        self.line = line
        var end = min(bytes.count, Self.maximumBytes)
        // Do not cut a UTF-8 sequence in half.
        if end < bytes.count { while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 } }
        text = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        self.reason = reason
    }
}
