import PostgresNIO

/// Turns one binary result cell into a ``ProfileValue``.
///
/// int2/int4/int8 → `.integer`; float4/float8 and `numeric` → `.number`; bool → `.boolean`;
/// timestamptz, timestamp and date → RFC 3339 `.text` (see ``PostgresTimestampText``);
/// SQL NULL → `.null`; anything else → the server's text for it.
enum PostgresCellDecoder {
    /// Decodes `cell`, selected as `column` describes; nil when the bytes do not fit the type.
    static func value(of cell: PostgresCell, column: PostgresColumn) -> ProfileValue? {
        guard var bytes = cell.bytes else { return .null }
        guard cell.format == .binary else {
            return bytes.readString(length: bytes.readableBytes).map(ProfileValue.text)
        }
        switch cell.dataType {
        case .int2, .int4, .int8:
            return (try? cell.decode(Int64.self)).map(ProfileValue.integer)
        case .float4, .float8:
            return (try? cell.decode(Double.self)).map(ProfileValue.number)
        case .bool:
            return (try? cell.decode(Bool.self)).map(ProfileValue.boolean)
        case .timestamptz, .timestamp:
            guard bytes.readableBytes == 8, let micro = bytes.readInteger(as: Int64.self) else { return nil }
            return .text(PostgresTimestampText.timestamp(microsecondsSince2000: micro, zoned: cell.dataType == .timestamptz))
        case .date:
            guard bytes.readableBytes == 4, let days = bytes.readInteger(as: Int32.self) else { return nil }
            return .text(PostgresTimestampText.date(daysSince2000: days))
        default:
            guard let text = bytes.readString(length: bytes.readableBytes) else { return nil }
            if column.isNumeric, let number = Double(text) { return .number(number) }
            return .text(text)
        }
    }
}
