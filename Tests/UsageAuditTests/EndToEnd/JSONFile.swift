import Foundation

/// Reading the tool's JSON output with `JSONSerialization`, with errors that say which
/// document and which key was wrong.
enum JSONFile {
    /// The top-level object of `data`.
    static func object(_ data: Data, name: String) throws -> [String: Any] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw EndToEndFailure("\(name) is not valid JSON: \(error)")
        }
        guard let object = value as? [String: Any] else { throw EndToEndFailure("\(name) is not a JSON object") }
        return object
    }

    /// `object[key]` as an object.
    static func object(_ object: [String: Any], _ key: String) throws -> [String: Any] {
        guard let value = object[key] as? [String: Any] else { throw EndToEndFailure("'\(key)' is missing or not an object") }
        return value
    }

    /// `object[key]` as an array of objects.
    static func objects(_ object: [String: Any], _ key: String) throws -> [[String: Any]] {
        guard let value = object[key] as? [[String: Any]] else { throw EndToEndFailure("'\(key)' is missing or not an array of objects") }
        return value
    }

    /// `object[key]` as a whole number, or nil when absent or not a number.
    static func integer(_ object: [String: Any], _ key: String) -> Int? {
        object[key] as? Int
    }

    /// A canonical text of a JSON value (keys sorted, pretty), for comparing documents.
    static func canonical(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .prettyPrinted, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }
}
