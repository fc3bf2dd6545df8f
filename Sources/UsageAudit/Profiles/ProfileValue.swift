/// One cell of a stored profile as its source gives it, before a layout interprets it:
/// a CSV cell (always text), a JSON value, a SQLite or PostgreSQL column value.
public indirect enum ProfileValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case number(Double)
    case text(String)
    case boolean(Bool)
    /// A nested JSON object (the geo platform's per-service blocks).
    case object([String: ProfileValue])
    case array([ProfileValue])
}

/// One record of a quota store: column or key name → value, plus where it came from.
public struct ProfileRow: Hashable, Sendable {
    public var values: [String: ProfileValue]
    /// `profiles.csv:12`, `users.json[3]`, `table api_profiles row 7`.
    public var origin: String

    public init(values: [String: ProfileValue], origin: String) {
        self.values = values
        self.origin = origin
    }

    public subscript(_ key: String) -> ProfileValue? { values[key] }
}
