/// Where `--profiles SOURCE` reads the stored profiles, and in which layout.
///
/// Accepted forms (DESIGN §4), each optionally followed by `?layout=NAME`:
/// * a file path, CSV or JSON (told apart by content): `profiles.csv`, `users.json?layout=carto`;
/// * `sqlite:PATH?table=T` (also `sqlite:///abs/path?table=T`), read-only;
/// * `postgres://USER[:PASSWORD]@HOST[:PORT]/DB?table=T` (or `postgresql://`), parsed here
///   and read by the reader given to `ProfileStore.load`.
///
/// Relative paths are resolved against the base directory given on parsing. Table names
/// must be identifiers (letters, digits, `_`; PostgreSQL also `schema.table`), because
/// they are put into the `SELECT`. Without `?layout=` the layout is recognised from the
/// columns. `description` never holds a password.
public struct ProfileSourceSpecification: Hashable, Sendable, CustomStringConvertible {
    public enum Location: Hashable, Sendable {
        /// A CSV or JSON file (path resolved).
        case file(path: String)
        /// A table of an SQLite database (path resolved).
        case sqlite(path: String, table: String)
        /// A table of a PostgreSQL database.
        case postgres(PostgresProfileSource)
    }

    public var location: Location
    /// The layout `?layout=` forces (a name `ProfileLayouts.named` knows), or nil to recognise it.
    public var layoutName: String?

    public init(location: Location, layoutName: String? = nil) {
        self.location = location
        self.layoutName = layoutName
    }

    /// The source as shown in messages: the path, `sqlite:PATH table T`, or the masked URL.
    public var description: String {
        switch location {
        case .file(let path): return path
        case .sqlite(let path, let table): return "sqlite:\(path) table \(table)"
        case .postgres(let source): return source.description
        }
    }

    /// What `origin` strings start with for records of this source: the file's name.
    var originName: String {
        switch location {
        case .file(let path): return path.split(separator: "/").last.map(String.init) ?? path
        case .sqlite, .postgres: return ""
        }
    }
}
