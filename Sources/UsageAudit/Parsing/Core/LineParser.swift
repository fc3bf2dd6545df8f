/// Turns the bytes of one log line into a `LogRecord`.
///
/// A parser is made per input (formats such as W3C carry state from their header
/// lines) and used from one thread. It must never trap on any input bytes.
public protocol LineParser {
    /// Parses `line` (without its line terminator) into `record`.
    mutating func parse(_ line: UnsafeBufferPointer<UInt8>, into record: inout LogRecord) -> LineParseResult

    /// Sees a line that is not counted because an earlier run counted it (an input read
    /// from where that run stopped), so that state its header lines set still applies to
    /// the lines after it. Formats without such state ignore it (the default).
    mutating func pass(over line: UnsafeBufferPointer<UInt8>)
}

extension LineParser {
    public mutating func pass(over line: UnsafeBufferPointer<UInt8>) {}
}
