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
}

extension ProfileLayout {
    public func profiles(from rows: [ProfileRow], context: ProfileReadContext) throws(ProfileError) -> [StoredProfile] {
        var profiles: [StoredProfile] = []
        profiles.reserveCapacity(rows.count)
        for row in rows {
            profiles.append(contentsOf: try self.profiles(from: row, context: context))
        }
        return profiles
    }
}
