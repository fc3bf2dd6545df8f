/// A line that did not match the log format, quoted so that the user can fix the format.
public struct MalformedSample: Hashable, Sendable {
    public static let maximumBytes = 200

    public var file: String
    public var line: Int
    /// The line, cut to `maximumBytes` bytes (invalid UTF-8 repaired).
    public var text: String
    /// Why the parser refused it.
    public var reason: String

    /// A sample as quoted before (read back from a partial).
    init(file: String, line: Int, text: String, reason: String) {
        self.file = file
        self.line = line
        self.text = text
        self.reason = reason
    }

    /// Quotes `bytes` with secrets masked by `redactor` (a malformed line may carry an API
    /// key that no report may show), then cut to `maximumBytes`.
    public init(file: String, line: Int, bytes: UnsafeBufferPointer<UInt8>, reason: String, redactor: SecretRedactor) {
        self.file = file
        self.line = line
        let redacted = Array(redactor.redact(String(decoding: bytes, as: UTF8.self)).utf8)
        var end = min(redacted.count, Self.maximumBytes)
        // Do not cut a UTF-8 sequence in half.
        if end < redacted.count { while end > 0, redacted[end] & 0xC0 == 0x80 { end -= 1 } }
        text = String(decoding: redacted[0..<end], as: UTF8.self)
        self.reason = reason
    }
}
