/// One column of the profile table, and how it is selected so that its value can be decoded.
///
/// PostgreSQL sends results in binary, one encoding per type. The types a profile needs are
/// selected as they are and decoded natively; every other type is cast to `text` in the
/// query (`"col"::text AS "col"`), so the server renders it and nothing is guessed here.
/// `numeric` is cast too and its text read back as a number.
struct PostgresColumn: Hashable, Sendable {
    var name: String
    /// The type's OID (a domain's base type, one level deep).
    var typeOID: UInt32

    /// Types decoded from their binary form: bool, name, int8, int2, int4, text, float4,
    /// float8, bpchar, varchar, date, timestamp, timestamptz.
    static let nativeTypeOIDs: Set<UInt32> = [16, 19, 20, 21, 23, 25, 700, 701, 1042, 1043, 1082, 1114, 1184]
    static let numericTypeOID: UInt32 = 1700

    /// Whether the query casts the column to text.
    var isSelectedAsText: Bool { !Self.nativeTypeOIDs.contains(typeOID) }

    /// Whether the column's text is a decimal number (`numeric`), read back as `.number`.
    var isNumeric: Bool { typeOID == Self.numericTypeOID }

    /// The column's entry in the select list.
    var selectExpression: String {
        let quoted = PostgresTableName.quote(name)
        return isSelectedAsText ? "\(quoted)::text AS \(quoted)" : quoted
    }
}
