/// A stored-profile source that cannot be used, with what to fix.
///
/// Two kinds, told apart by `isUnreadable`: the source cannot be read at all (a missing
/// file, a database that cannot be opened: exit code 3), or it was read and its content or
/// the `--profiles` text is wrong (an unknown layout, a missing column, a bad value: exit
/// code 2). No message ever holds a database password: sources are named by their masked
/// description (`ConnectionString.masked`).
public enum ProfileError: Error, Equatable, Sendable {
    /// The `--profiles` text cannot be understood (unknown scheme, missing `table=`, a table
    /// name with characters other than letters, digits and `_`, an unknown parameter).
    case badSpecification(source: String, reason: String)
    /// The file or database does not exist or cannot be opened or read; `reason` says what
    /// happened and what to check.
    case unreadable(source: String, reason: String)
    /// The file is not CSV or JSON as expected (unbalanced quote, a row with the wrong
    /// number of cells, invalid JSON).
    case malformed(origin: String, reason: String)
    /// `?layout=NAME` names no layout.
    case unknownLayout(name: String)
    /// No layout recognises the columns or keys of the source.
    case unrecognisedLayout(source: String, keys: [String])
    /// More than one layout recognises the columns or keys of the source.
    case ambiguousLayout(source: String, layouts: [String])
    /// The database has no table (or view) of that name.
    case missingTable(source: String, table: String, available: [String])
    /// A row lacks a column the layout needs.
    case missingColumn(origin: String, layout: String, column: String)
    /// A cell holds a value the layout cannot use.
    case badValue(origin: String, column: String, value: String, expected: String)
    /// A PostgreSQL source was given but this build has no PostgreSQL reader.
    case unsupportedSource(source: String, reason: String)

    /// Whether the source could not be read at all (exit code 3); false means its content or
    /// the `--profiles` text is wrong (exit code 2).
    public var isUnreadable: Bool {
        switch self {
        case .unreadable: return true
        default: return false
        }
    }
}

extension ProfileError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .badSpecification(let source, let reason):
            // Reasons from the PostgreSQL settings are whole sentences: one full stop.
            let sentence = reason.hasSuffix(".") ? String(reason.dropLast()) : reason
            return "--profiles '\(source)': \(sentence). Use a CSV or JSON file path, sqlite:PATH?table=T "
                + "or postgres://USER@HOST/DB?table=T, optionally with ?layout=NAME"
        case .unreadable(let source, let reason):
            return "profiles '\(source)' cannot be read: \(reason)"
        case .malformed(let origin, let reason):
            return "profiles \(origin): \(reason)"
        case .unknownLayout(let name):
            return "unknown profile layout '\(name)': use one of \(ProfileLayouts.names.joined(separator: ", "))"
        case .unrecognisedLayout(let source, let keys):
            let shown = keys.isEmpty ? "none" : keys.prefix(20).joined(separator: ", ")
            return "profiles '\(source)': no layout recognises its columns (\(shown)). "
                + "Layouts and the columns that identify them: \(ProfileLayouts.catalogue); "
                + "rename the columns or force a layout with ?layout=NAME"
        case .ambiguousLayout(let source, let layouts):
            return "profiles '\(source)': the columns fit several layouts (\(layouts.joined(separator: ", "))): "
                + "choose one with ?layout=NAME"
        case .missingTable(let source, let table, let available):
            let shown = available.isEmpty ? "it has none" : "it has: \(available.prefix(30).joined(separator: ", "))"
            return "profiles '\(source)': no table or view named '\(table)' (\(shown)): fix ?table="
        case .missingColumn(let origin, let layout, let column):
            return "profiles \(origin): the \(layout) layout needs a '\(column)' column or key, "
                + "and this row has none: add it, or force another layout with ?layout=NAME"
        case .badValue(let origin, let column, let value, let expected):
            return "profiles \(origin): column '\(column)' holds '\(value)', expected \(expected)"
        case .unsupportedSource(let source, let reason):
            return "profiles '\(source)': \(reason)"
        }
    }
}
