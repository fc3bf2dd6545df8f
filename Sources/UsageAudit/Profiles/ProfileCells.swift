import Foundation

/// Typed reads of one record's cells, whose errors name the record and the column.
///
/// Missing keys, `null`, and text that is empty or only spaces all read as "no value"
/// (nil): a CSV cell is always text, so an empty cell must mean the same as a JSON `null`.
struct ProfileCells {
    let row: ProfileRow
    let layout: String
    /// Put before column names in messages (`geocoding.` for a nested service block).
    let prefix: String

    init(_ row: ProfileRow, layout: String, prefix: String = "") {
        self.row = row
        self.layout = layout
        self.prefix = prefix
    }

    /// The cells of a nested object (the geo platform's service blocks), named `key.column`.
    func nested(_ key: String, values: [String: ProfileValue]) -> ProfileCells {
        ProfileCells(ProfileRow(values: values, origin: row.origin), layout: layout, prefix: prefix + key + ".")
    }

    /// Whether the record has `key` at all (even as `null`).
    func has(_ key: String) -> Bool { row.values[key] != nil }

    /// The value of `key`, or nil when it is missing, `null` or blank text.
    func value(_ key: String) -> ProfileValue? {
        switch row.values[key] {
        case nil, .null?: return nil
        case .text(let text)?: return text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : .text(text)
        case let value?: return value
        }
    }

    /// The value of `key` as trimmed text (numbers and booleans written out), or nil.
    func text(_ key: String) -> String? {
        guard let value = value(key) else { return nil }
        return ProfileCells.text(of: value)
    }

    /// The text of the first of `keys` the record has; `name` is used in messages.
    /// - Throws: `missingColumn` when it has none of them, `badValue` when that one is empty.
    func requiredText(_ keys: [String], name: String) throws(ProfileError) -> String {
        guard let key = keys.first(where: { has($0) }) else {
            throw .missingColumn(origin: row.origin, layout: layout, column: prefix + name)
        }
        guard let text = text(key) else {
            throw bad(key, expected: "a non-empty \(name)")
        }
        return text
    }

    /// A whole number; `1000.0` from a JSON number is accepted, `12.5` and `ten` are not.
    func integer(_ key: String) throws(ProfileError) -> Int64? {
        guard let value = value(key) else { return nil }
        switch value {
        case .integer(let number):
            return number
        case .number(let number) where number == number.rounded() && abs(number) < 9.2e18:
            return Int64(number)
        case .text(let text):
            if let number = ProfileCells.integer(text.trimmingCharacters(in: .whitespaces)) { return number }
        default:
            break
        }
        throw bad(key, expected: "a whole number")
    }

    /// A number (integer or decimal).
    func number(_ key: String) throws(ProfileError) -> Double? {
        guard let value = value(key) else { return nil }
        switch value {
        case .integer(let number): return Double(number)
        case .number(let number) where number.isFinite: return number
        case .text(let text):
            if let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite { return number }
        default: break
        }
        throw bad(key, expected: "a number")
    }

    /// `true`/`false` (also `t`/`f` as PostgreSQL writes them, `yes`/`no`, `1`/`0`).
    func boolean(_ key: String) throws(ProfileError) -> Bool? {
        guard let value = value(key) else { return nil }
        switch value {
        case .boolean(let flag): return flag
        case .integer(0): return false
        case .integer(1): return true
        case .text(let text):
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "t", "yes", "y", "1": return true
            case "false", "f", "no", "n", "0": return false
            default: break
            }
        default: break
        }
        throw bad(key, expected: "true or false")
    }

    /// An instant in epoch seconds: an RFC 3339 time (one without an offset is read in
    /// `naiveTimeZone`) or a whole number of epoch seconds.
    func instant(_ key: String, naiveTimeZone: TimeZone) throws(ProfileError) -> Int64? {
        guard let value = value(key) else { return nil }
        switch value {
        case .integer(let seconds): return seconds
        case .text(let text):
            if let seconds = ProfileTime.instant(text, naiveTimeZone: naiveTimeZone) { return seconds }
        default: break
        }
        throw bad(key, expected: "an RFC 3339 time such as 2026-11-21T06:00:00Z")
    }

    /// A local day: `YYYY-MM-DD` as written, or the day in `context.timeZone` of a time.
    func day(_ key: String, context: ProfileReadContext, naiveTimeZone: TimeZone) throws(ProfileError) -> LocalDay? {
        guard let value = value(key) else { return nil }
        if case .text(let text) = value, let day = ProfileTime.date(text.trimmingCharacters(in: .whitespaces)) {
            return day
        }
        guard let seconds = try? instant(key, naiveTimeZone: naiveTimeZone) else {
            throw bad(key, expected: "a date such as 2026-11-21 or an RFC 3339 time")
        }
        return ZonedCalendar(timeZone: context.timeZone).localDay(containing: seconds)
    }

    /// The error for the value of `key`.
    func bad(_ key: String, expected: String) -> ProfileError {
        let shown = row.values[key].map(ProfileCells.shown) ?? ""
        return .badValue(origin: row.origin, column: prefix + key, value: shown, expected: expected)
    }

    /// `value` as text: trimmed text, numbers and booleans written out; nil for objects,
    /// arrays and `null`.
    static func text(of value: ProfileValue) -> String? {
        switch value {
        case .text(let text): return text.trimmingCharacters()
        case .integer(let number): return String(number)
        case .number(let number):
            if number == number.rounded(), abs(number) < 9.2e18 { return String(Int64(number)) }
            return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .null, .object, .array: return nil
        }
    }

    /// `value` as shown in a message, cut to 60 characters.
    static func shown(_ value: ProfileValue) -> String {
        switch value {
        case .null: return "null"
        case .object: return "{…}"
        case .array: return "[…]"
        default: return shown(text(of: value) ?? "")
        }
    }

    /// `text` as shown in a message, cut to 60 characters.
    static func shown(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(60)) + "…" : text
    }

    /// An optionally signed run of ASCII digits that fits an `Int64`, or nil.
    static func integer(_ text: String) -> Int64? {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy(ASCII.isDigit) else { return nil }
        guard let magnitude = Int64(digits) else { return nil }
        return negative ? -magnitude : magnitude
    }
}
