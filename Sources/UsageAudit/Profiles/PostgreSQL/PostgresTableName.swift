/// A validated table name, `table` or `schema.table`, and its quoted SQL form.
///
/// Only ASCII letters, digits, `_` and `$` are accepted (a part starts with a letter or `_`,
/// and is at most 63 bytes, PostgreSQL's identifier length), so a name can never carry SQL.
/// The name is quoted exactly as written: `?table=Users` reads `"Users"`, not `users`.
public struct PostgresTableName: Hashable, Sendable, CustomStringConvertible {
    /// The schema, when the name was written `schema.table`.
    public let schema: String?
    public let table: String

    /// PostgreSQL's longest identifier, in bytes.
    static let maximumPartLength = 63

    /// Validates `text`, refusing anything but `name` or `schema.name`.
    public init(_ text: String) throws(PostgresProfileError) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 1 || parts.count == 2, parts.allSatisfy(Self.isIdentifier) else {
            throw .invalidTableName(text)
        }
        schema = parts.count == 2 ? parts[0] : nil
        table = parts[parts.count - 1]
    }

    /// The name as written: `api_userapiprofile`, `public.api_userapiprofile`.
    public var description: String {
        schema.map { "\($0).\(table)" } ?? table
    }

    /// The name as SQL text, each part double-quoted: `"public"."api_userapiprofile"`.
    public var quoted: String {
        [schema, table].compactMap { $0 }.map(Self.quote).joined(separator: ".")
    }

    /// Double-quotes one identifier, doubling any `"` inside it.
    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacing("\"", with: "\"\"") + "\""
    }

    private static func isIdentifier(_ part: String) -> Bool {
        let bytes = Array(part.utf8)
        guard let first = bytes.first, bytes.count <= maximumPartLength else { return false }
        guard isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return bytes.allSatisfy { byte in
            isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
