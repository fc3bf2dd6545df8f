/// Reads the keys of one configuration table, checking types, and afterwards refuses
/// every key it was not asked for (a typo is an error, never silently ignored).
struct ConfigTableReader {
    /// The table's path as users write it: `""` for the top level, `log`, `scope[1]`.
    let path: String
    private let values: [String: ConfigValue]
    private let order: [String]
    private let locator: KeyLocator
    private var consumed: Set<String> = []

    init(path: String, value: ConfigValue, locator: KeyLocator) throws(ConfigurationError) {
        guard case .table(let values, let order) = value else {
            throw .wrongType(key: path, line: locator.line(of: path), expected: "a table", found: value.typeName)
        }
        self.path = path
        self.values = values
        self.order = order
        self.locator = locator
    }

    /// The keys present in this table, in document order.
    var keys: [String] { order }

    /// The dotted name of `key` in this table (`log.format`, `scope[1].cost`).
    func name(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The line on which `key` is written, if it can be found.
    func line(_ key: String) -> Int? {
        locator.line(of: name(key))
    }

    func invalid(_ key: String, _ reason: String) -> ConfigurationError {
        .invalidValue(key: name(key), line: line(key), reason: reason)
    }

    func wrongType(_ key: String, expected: String, found: ConfigValue) -> ConfigurationError {
        .wrongType(key: name(key), line: line(key), expected: expected, found: found.typeName)
    }

    /// Whether the table holds no key at all.
    var isEmpty: Bool { values.isEmpty }

    /// The raw value of `key`, marking it as known.
    mutating func value(_ key: String) -> ConfigValue? {
        consumed.insert(key)
        return values[key]
    }

    mutating func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw wrongType(key, expected: "a string", found: value) }
        return text
    }

    mutating func integer(_ key: String) throws(ConfigurationError) -> Int? {
        guard let value = value(key) else { return nil }
        guard case .integer(let number) = value else { throw wrongType(key, expected: "an integer", found: value) }
        return number
    }

    /// A number; integers are accepted too.
    mutating func double(_ key: String) throws(ConfigurationError) -> Double? {
        guard let value = value(key) else { return nil }
        switch value {
        case .double(let number): return number
        case .integer(let number): return Double(number)
        default: throw wrongType(key, expected: "a number", found: value)
        }
    }

    mutating func boolean(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .boolean(let flag) = value else { throw wrongType(key, expected: "true or false", found: value) }
        return flag
    }

    /// An array of strings; a single string is accepted as a one-element array.
    mutating func strings(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let value = value(key) else { return nil }
        switch value {
        case .string(let text): return [text]
        case .array(let items):
            var result: [String] = []
            for item in items {
                guard case .string(let text) = item else {
                    throw wrongType(key, expected: "an array of strings", found: item)
                }
                result.append(text)
            }
            return result
        default:
            throw wrongType(key, expected: "an array of strings", found: value)
        }
    }

    /// A sub-table (`[log.json]`).
    mutating func table(_ key: String) throws(ConfigurationError) -> ConfigTableReader? {
        guard let value = value(key) else { return nil }
        return try ConfigTableReader(path: name(key), value: value, locator: locator)
    }

    /// An array of tables (`[[scope]]`).
    mutating func tables(_ key: String) throws(ConfigurationError) -> [ConfigTableReader] {
        guard let value = value(key) else { return [] }
        guard case .array(let items) = value else {
            throw wrongType(key, expected: "an array of tables ([[\(key)]])", found: value)
        }
        var readers: [ConfigTableReader] = []
        for (index, item) in items.enumerated() {
            readers.append(try ConfigTableReader(path: "\(name(key))[\(index)]", value: item, locator: locator))
        }
        return readers
    }

    /// Throws for the first key not in `known`, before any value is read: a misspelt key
    /// is reported as such rather than as the required key it was meant to be.
    mutating func rejectKeys(notIn known: [String]) throws(ConfigurationError) {
        consumed.formUnion(known)
        try rejectUnknownKeys()
    }

    /// Throws for the first key (in document order) that no reader asked for.
    func rejectUnknownKeys() throws(ConfigurationError) {
        let known = Array(consumed)
        for key in order where !consumed.contains(key) {
            throw .unknownKey(key: name(key), line: line(key), suggestion: Spelling.nearest(to: key, among: known).map(name))
        }
    }
}
