/// The value the scanner found for one wanted path of a JSON line.
struct JSONCapture: Sendable {
    /// What kind of JSON value was found.
    enum Kind: UInt8, Sendable {
        /// The path was not in the line, or led to an object or an empty array.
        case absent
        case null
        /// A string, unescaped into the scratch buffer.
        case string
        /// A number, copied as written.
        case number
        /// `true` or `false`, copied as written.
        case boolean
    }

    var kind: Kind
    /// Where the value's bytes are in the scratch buffer.
    var span: ByteSpan

    static let absent = JSONCapture(kind: .absent, span: .empty)

    /// Whether the line held a usable value: not absent, not null and not empty.
    var isPresent: Bool {
        kind != .absent && kind != .null && !span.isEmpty
    }
}
