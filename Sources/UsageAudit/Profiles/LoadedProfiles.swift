/// What `ProfileStore.loadNamingLayout` read from a `--profiles` source.
public struct LoadedProfiles: Sendable {
    /// The stored counters, in source order.
    public var profiles: [StoredProfile]
    /// The layout that read them (nil for an empty source): the recommendations' apply form
    /// follows the store's own shape.
    public var layout: String?
    /// The first column the layout ignores that is a near miss of one it lacks (`limt` for
    /// `limit`), for a warning: read as written, that column is empty in every profile.
    public var misspelling: (column: String, meant: String)?
    /// Whether the source is a database read just now (`sqlite:`, `postgres:`) rather than
    /// a file exported at some earlier time: its counters hold what they held at the read.
    public var isReadLive: Bool
    /// The database table read (`?table=`), nil for a file: the table `--fix-sql` and the
    /// recommendations' SQL update unless told otherwise.
    public var table: String?

    public init(
        profiles: [StoredProfile], layout: String?, misspelling: (column: String, meant: String)? = nil, isReadLive: Bool = false,
        table: String? = nil
    ) {
        self.profiles = profiles
        self.layout = layout
        self.misspelling = misspelling
        self.isReadLive = isReadLive
        self.table = table
    }
}

extension [StoredProfile] {
    /// These profiles with `snapshotAt` set to `instant` where their source gave none: the
    /// moment the counters were read, which decides the bucket each one is compared in.
    public func snapshotted(at instant: Int64) -> [StoredProfile] {
        map { profile in
            var profile = profile
            if profile.snapshotAt == nil { profile.snapshotAt = instant }
            return profile
        }
    }
}
