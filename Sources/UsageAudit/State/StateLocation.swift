/// Where `--state` points: an SQLite file (a path, or `sqlite:PATH`) or a PostgreSQL
/// database (`postgres://…`, credentials from the URL or the `PG*` variables).
public enum StateLocation: Hashable, Sendable {
    case sqlite(path: String)
    case postgres(url: String)

    /// The default: `./.usage-audit/state.sqlite`.
    public static let defaultPath = ".usage-audit/state.sqlite"

    public init(_ text: String) throws(StateError) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if let mark = text.range(of: "?table=") ?? text.range(of: "?layout=") {
            // --profiles takes these; a state store has its own tables, and the file would be named so.
            throw .badLocation(text, reason: "a state store takes no '\(text[mark].dropFirst())' (it keeps its own audit_* tables); give the file path \(text[..<mark.lowerBound])")
        } else if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw .badLocation(text, reason: "no path after sqlite:; write e.g. sqlite:/var/lib/usage-audit/state.sqlite") }
            self = .sqlite(path: path)
        } else if text.contains("://") {
            throw .badLocation(text, reason: "not a state store: give a file path for SQLite or a postgres:// URL")
        } else if text.isEmpty {
            throw .badLocation(text, reason: "empty; give a file path or a postgres:// URL")
        } else {
            self = .sqlite(path: text)
        }
    }

    /// Opens the store (creating an SQLite file and its folder when missing).
    public func open() throws(StateError) -> any StateStore {
        switch self {
        case .sqlite(let path): return try SQLiteStateStore(path: path)
        case .postgres(let url): return try PostgresStateStore(url: url)
        }
    }
}
