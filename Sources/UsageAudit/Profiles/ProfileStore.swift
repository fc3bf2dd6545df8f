/// Loads the stored profiles that `--profiles SOURCE` names: the one entry point.
///
/// Reads the source (file, SQLite or PostgreSQL) into a
/// `ProfileTable`, finds the layout (`?layout=NAME`, else the one `ProfileLayouts`
/// recognises from the columns) and translates every record with it. Profiles come back
/// in source order.
public enum ProfileStore {
    /// Reads a PostgreSQL profile table in place of `PostgresProfileReader` (for tests). It
    /// must read read-only and never put `source.connectionURL` into an error.
    public typealias PostgresReader = @Sendable (PostgresProfileSource) throws(ProfileError) -> ProfileTable

    /// Parses `specification` and loads its profiles.
    /// - Parameters:
    ///   - baseDirectory: what relative paths are relative to (nil: the working directory).
    ///   - context: the configuration's time zone and quota periods.
    ///   - postgresReader: reads `postgres://` sources instead of `PostgresProfileReader`.
    /// - Throws: `ProfileError`; `isUnreadable` tells exit code 3 from 2.
    public static func load(
        _ specification: String, baseDirectory: String? = nil, context: ProfileReadContext = ProfileReadContext(),
        postgresReader: PostgresReader? = nil
    ) throws(ProfileError) -> [StoredProfile] {
        let parsed = try ProfileSourceSpecification(parsing: specification, baseDirectory: baseDirectory)
        return try load(parsed, context: context, postgresReader: postgresReader)
    }

    /// Loads the profiles of a parsed source.
    public static func load(
        _ specification: ProfileSourceSpecification, context: ProfileReadContext = ProfileReadContext(),
        postgresReader: PostgresReader? = nil
    ) throws(ProfileError) -> [StoredProfile] {
        let table = try read(specification, postgresReader: postgresReader)
        return try profiles(
            from: table, layoutName: specification.layoutName, source: specification.description, context: context)
    }

    /// The records of a source, uninterpreted.
    public static func read(
        _ specification: ProfileSourceSpecification, postgresReader: PostgresReader? = nil
    ) throws(ProfileError) -> ProfileTable {
        let source = specification.description
        switch specification.location {
        case .file(let path):
            return try ProfileFileReader.table(path: path, name: specification.originName, source: source)
        case .sqlite(let path, let table):
            return try SQLiteProfileReader.table(path: path, table: table, source: source)
        case .postgres(let database):
            guard let postgresReader else { return try PostgresProfileReader.profileTable(for: database) }
            return try postgresReader(database)
        }
    }

    /// Loads the profiles of `specification` with what a run says about them: the layout
    /// that read them, a column that looks misspelt, and whether they were read live.
    public static func loadNamingLayout(
        _ specification: String, baseDirectory: String? = nil, context: ProfileReadContext = ProfileReadContext()
    ) throws(ProfileError) -> LoadedProfiles {
        let parsed = try ProfileSourceSpecification(parsing: specification, baseDirectory: baseDirectory)
        let table = try read(parsed)
        let layout = try layout(of: table, layoutName: parsed.layoutName, source: parsed.description)
        let isReadLive = if case .file = parsed.location { false } else { true }
        let tableName: String? = switch parsed.location {
        case .file: nil
        case .sqlite(_, let name): name
        case .postgres(let source): source.table
        }
        return LoadedProfiles(
            profiles: try layout?.profiles(from: table.rows, context: context) ?? [], layout: layout?.name,
            misspelling: layout?.misspelledColumn(in: table.columns), isReadLive: isReadLive, table: tableName)
    }

    /// Translates the records of `table` with the layout named `layoutName`, or with the
    /// one its columns are recognised as. A table with no column and no row (an empty JSON
    /// array) has no profiles.
    public static func profiles(
        from table: ProfileTable, layoutName: String?, source: String, context: ProfileReadContext = ProfileReadContext()
    ) throws(ProfileError) -> [StoredProfile] {
        try layout(of: table, layoutName: layoutName, source: source)?.profiles(from: table.rows, context: context) ?? []
    }

    /// The layout named `layoutName`, or the one `table`'s columns are recognised as; nil for
    /// a table with no column and no row.
    private static func layout(
        of table: ProfileTable, layoutName: String?, source: String
    ) throws(ProfileError) -> (any ProfileLayout)? {
        let layout: any ProfileLayout
        if let layoutName {
            guard let named = ProfileLayouts.named(layoutName) else { throw .unknownLayout(name: layoutName) }
            layout = named
        } else {
            if table.columns.isEmpty && table.rows.isEmpty { return nil }
            layout = try ProfileLayouts.recognising(columns: table.columns, source: source)
        }
        return layout
    }
}
