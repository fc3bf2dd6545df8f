import Foundation

/// Reads a JSON file of profiles in any of the shapes quota stores export:
///
/// * an array of objects (`[{…}, {…}]`): origins `NAME[0]`, `NAME[1]`, …;
/// * JSON lines, one object per line: origins `NAME:LINE`;
/// * one object per user, keyed by user name (`{"ana": {…}, "ben": {…}}`: every value an
///   object, or an array of objects for several counters, no top-level key a column any
///   layout knows): each gets `user` = its key unless it has `user` or `username`; origins
///   `NAME["ana"]` (`NAME["ana"][1]` in an array), in key order;
/// * a Django REST framework page (`{"count": …, "results": [{…}]}`): its `results`;
/// * one object (a single user's record, such as a usage endpoint's answer): origin `NAME`.
///
/// Numbers become `.integer` or `.number`, nested objects `.object` (the geo platform's
/// service blocks).
/// - Throws: `malformed` for invalid JSON (with the line for JSON lines) or an array
///   element that is not an object.
enum JSONProfileReader {
    static func table(from data: Data, name: String) throws(ProfileError) -> ProfileTable {
        let decoder = JSONDecoder()
        let whole: ProfileValue
        do {
            whole = try decoder.decode(ProfileValue.self, from: data)
        } catch {
            return try lines(data, name: name, wholeError: error)
        }
        return ProfileTable(rows: try rows(of: whole, name: name))
    }

    private static func rows(of value: ProfileValue, name: String) throws(ProfileError) -> [ProfileRow] {
        switch value {
        case .array(let elements):
            return try elements.enumerated().map { (index, element) throws(ProfileError) -> ProfileRow in
                guard case .object(let values) = element else {
                    throw .malformed(
                        origin: "\(name)[\(index)]", reason: "expected an object, found \(ProfileCells.shown(element))")
                }
                return ProfileRow(values: values, origin: "\(name)[\(index)]")
            }
        case .object(let values):
            if case .array(let results)? = values["results"] {
                return try rows(of: .array(results), name: name)
            }
            if isKeyedByUser(values) {
                return values.keys.sorted().flatMap { user -> [ProfileRow] in
                    // One object, or an array of them (several counters of the user).
                    let records: [(ProfileValue, String)] = switch values[user] {
                    case .array(let elements)?: elements.enumerated().map { ($1, "\(name)[\"\(user)\"][\($0)]") }
                    case let value?: [(value, "\(name)[\"\(user)\"]")]
                    case nil: []
                    }
                    return records.compactMap { value, origin in
                        guard case .object(var record) = value else { return nil }
                        if record["user"] == nil && record["username"] == nil { record["user"] = .text(user) }
                        return ProfileRow(values: record, origin: origin)
                    }
                }
            }
            return [ProfileRow(values: values, origin: name)]
        default:
            throw .malformed(origin: name, reason: "expected an array of objects, an object, or one object per line")
        }
    }

    /// Whether every value is an object (or a non-empty array of objects) and no key is a
    /// column some layout recognises.
    private static func isKeyedByUser(_ values: [String: ProfileValue]) -> Bool {
        guard !values.isEmpty else { return false }
        let allObjects = values.values.allSatisfy { value in
            switch value {
            case .object: return true
            case .array(let elements):
                return !elements.isEmpty && elements.allSatisfy { if case .object = $0 { return true } else { return false } }
            default: return false
            }
        }
        guard allObjects else { return false }
        let keys = Set(values.keys)
        return !ProfileLayouts.all.contains { $0.recognises(keys: keys) }
    }

    /// Reads the data as JSON lines; when its first line is not JSON either, reports the
    /// error of reading it whole.
    private static func lines(_ data: Data, name: String, wholeError: any Error) throws(ProfileError) -> ProfileTable {
        let decoder = JSONDecoder()
        var rows: [ProfileRow] = []
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 != ASCII.space && $0 != ASCII.tab && $0 != 0x0D }) else { continue }
            let value: ProfileValue
            do {
                value = try decoder.decode(ProfileValue.self, from: Data(line))
            } catch {
                let reason = rows.isEmpty ? summary(of: wholeError) : "this line is not a JSON object (\(summary(of: error)))"
                throw .malformed(origin: rows.isEmpty ? name : "\(name):\(lineNumber)", reason: reason)
            }
            guard case .object(let values) = value else {
                throw .malformed(origin: "\(name):\(lineNumber)", reason: "expected one JSON object per line")
            }
            rows.append(ProfileRow(values: values, origin: "\(name):\(lineNumber)"))
        }
        guard !rows.isEmpty else {
            throw .malformed(origin: name, reason: summary(of: wholeError))
        }
        return ProfileTable(rows: rows)
    }

    /// A short reason for a decoding error.
    private static func summary(of error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "not valid JSON: " + (underlying ?? context.debugDescription)
        }
        return "not valid JSON"
    }
}
