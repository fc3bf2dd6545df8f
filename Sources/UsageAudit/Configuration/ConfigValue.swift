/// A configuration value as read from TOML, independent of the TOML library.
public indirect enum ConfigValue: Equatable, Sendable {
    case string(String)
    case integer(Int)
    case double(Double)
    case boolean(Bool)
    case array([ConfigValue])
    case table([String: ConfigValue], keyOrder: [String])
    /// A TOML date or time, kept as written.
    case dateTime(String)

    /// The TOML type name, for messages ("expected a string, found an integer").
    public var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .double: return "a number"
        case .boolean: return "a boolean"
        case .array: return "an array"
        case .table: return "a table"
        case .dateTime: return "a date"
        }
    }
}
