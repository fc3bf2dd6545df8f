/// One line handed out by `LineReader`: its bytes without the line terminator.
///
/// The bytes live in the reader's buffer and are valid only during the call that
/// receives the line; copy what must outlive it.
public struct InputLine {
    /// The line's bytes, without `\n` and without a `\r` just before it. For a truncated
    /// line, only its first `maximumLineLength` bytes.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// The 1-based line number in the decoded input.
    public let number: Int
    /// The line is longer than the reader's `maximumLineLength`; `bytes` holds its start.
    /// A caller usually counts it as malformed.
    public let isTruncated: Bool
    /// The line is the last one before damage in the input (a truncated or corrupt gzip
    /// file): its end may be missing. The reader throws the damage right after it.
    public let isCutByDamage: Bool
    /// Where the line starts in the decoded input, in bytes from its beginning.
    public let offset: Int64
    /// The line is the input's last and ends without a newline: whole, or still being
    /// written (a live log read as it grows).
    public let isUnterminated: Bool

    public init(
        bytes: UnsafeBufferPointer<UInt8>, number: Int, isTruncated: Bool = false, isCutByDamage: Bool = false,
        offset: Int64 = 0, isUnterminated: Bool = false
    ) {
        self.bytes = bytes
        self.number = number
        self.offset = offset
        self.isTruncated = isTruncated
        self.isCutByDamage = isCutByDamage
        self.isUnterminated = isUnterminated
    }
}
