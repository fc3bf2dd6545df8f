/// One way a quota store lays out its counters, translated into `StoredProfile`s.
///
/// Each layout is one type with its system's conventions documented on it; all of them are
/// listed once in `ProfileLayouts.all`, where detection and `?layout=NAME` find them.
public protocol ProfileLayout: Sendable {
    /// The name `?layout=` takes: `long`, `whg`, `waldur`, `carto`, `smart-ratelimit`.
    var name: String { get }
    /// The columns or keys that identify the layout, as shown in messages.
    var keyColumns: String { get }
    /// Whether a source with these column or key names is in this layout.
    func recognises(keys: Set<String>) -> Bool
    /// The profiles of one record (a layout may make several of one row: one per period or
    /// per service).
    func profiles(from row: ProfileRow, context: ProfileReadContext) throws(ProfileError) -> [StoredProfile]
    /// The profiles of every record, in source order.
    func profiles(from rows: [ProfileRow], context: ProfileReadContext) throws(ProfileError) -> [StoredProfile]
    /// The first of `columns` that the layout does not read but that is a near miss of a
    /// column it reads and `columns` lack, with that column; nil when there is none (the
    /// default, for layouts that name every column they need).
    func misspelledColumn(in columns: [String]) -> (column: String, meant: String)?
}

extension ProfileLayout {
    public func misspelledColumn(in columns: [String]) -> (column: String, meant: String)? { nil }

    /// `misspelledColumn(in:)` for a layout that reads the columns `read`: a near miss starts
    /// with the same letter (in any case) and is one edit away, two for names longer than
    /// five letters (`limt`, `Limit`, `snapshotat`; not `shard` for `hard`, nor `block_size`).
    func misspelledColumn(in columns: [String], read: [String]) -> (column: String, meant: String)? {
        let absent = read.filter { !columns.contains($0) }
        for column in columns where !read.contains(column) {
            let near = absent.first { meant in
                column.first?.lowercased() == meant.first?.lowercased()
                    && Spelling.editDistance(column, meant) <= (meant.count > 5 ? 2 : 1)
            }
            if let near { return (column, near) }
        }
        return nil
    }
    public func profiles(from rows: [ProfileRow], context: ProfileReadContext) throws(ProfileError) -> [StoredProfile] {
        var profiles: [StoredProfile] = []
        profiles.reserveCapacity(rows.count)
        for row in rows {
            profiles.append(contentsOf: try self.profiles(from: row, context: context))
        }
        return profiles
    }
}
