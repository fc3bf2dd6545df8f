/// The table of every profile layout, by name: the one place a new layout is added.
public enum ProfileLayouts {
    /// Every layout, in the order messages list them.
    public static let all: [any ProfileLayout] = [
        LongProfileLayout(),
        WHGProfileLayout(),
        WaldurProfileLayout(),
        CartoProfileLayout(),
        SmartRatelimitProfileLayout(),
    ]

    /// The layout names, for messages and `--help`.
    public static var names: [String] { all.map(\.name) }

    /// `name (its key columns); …`, for the message about an unrecognised source.
    public static var catalogue: String {
        all.map { "\($0.name) (\($0.keyColumns))" }.joined(separator: "; ")
    }

    /// The layout called `name` (letter case ignored), or nil.
    public static func named(_ name: String) -> (any ProfileLayout)? {
        let wanted = name.lowercased()
        return all.first { $0.name == wanted }
    }

    /// The one layout that recognises `columns`.
    /// - Throws: `unrecognisedLayout` when none does, `ambiguousLayout` when several do.
    public static func recognising(columns: [String], source: String) throws(ProfileError) -> any ProfileLayout {
        let keys = Set(columns)
        let candidates = all.filter { $0.recognises(keys: keys) }
        guard let first = candidates.first else {
            throw .unrecognisedLayout(source: source, keys: columns)
        }
        guard candidates.count == 1 else {
            throw .ambiguousLayout(source: source, layouts: candidates.map(\.name))
        }
        return first
    }
}
