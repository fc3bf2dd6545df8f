/// One file of recommendations in a quota store's own apply form (SQL, request bodies, a
/// console script), for a person to review and run. usage-audit never runs it.
public struct RecommendationApplyFile: Hashable, Sendable {
    /// The file name to write it under in the report folder (no directories).
    public var name: String
    /// The file's contents.
    public var text: String
    /// How many recommendations it applies.
    public var applied: Int
    /// What it leaves out and why (a recommendation the store cannot express, a user name
    /// no statement may carry), one line each: for stderr or a summary.
    public var notes: [String]

    public init(name: String, text: String, applied: Int, notes: [String] = []) {
        self.name = name
        self.text = text
        self.applied = applied
        self.notes = notes
    }
}
