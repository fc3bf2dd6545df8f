import TOMLKit

extension ConfigValue {
    /// Converts a parsed TOML table into a `ConfigValue.table`, keys in document order
    /// where the library keeps it.
    static func fromTOML(_ table: TOMLTable) -> ConfigValue {
        var values: [String: ConfigValue] = [:]
        var order: [String] = []
        for key in table.keys {
            guard let value = table[key] else { continue }
            values[key] = fromTOML(value.tomlValue)
            order.append(key)
        }
        return .table(values, keyOrder: order)
    }

    static func fromTOML(_ value: TOMLValue) -> ConfigValue {
        switch value.type {
        case .table:
            return value.table.map { fromTOML($0) } ?? .table([:], keyOrder: [])
        case .array:
            return .array((value.array.map { Array($0) } ?? []).map { fromTOML($0.tomlValue) })
        case .string:
            return .string(value.string ?? "")
        case .int:
            return .integer(value.int ?? 0)
        case .double:
            return .double(value.double ?? 0)
        case .bool:
            return .boolean(value.bool ?? false)
        case .date, .time, .dateTime:
            return .dateTime(value.debugDescription)
        }
    }
}
