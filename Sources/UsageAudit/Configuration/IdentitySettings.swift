/// `[identity]`: how requests are attributed to users.
public struct IdentitySettings: Sendable, Equatable {
    /// What to do with a request that no source attributes.
    public enum AnonymousPolicy: String, Sendable, Equatable {
        /// Drop it (still counted as `unattributed` in the summary).
        case skip
        /// Attribute it to `ip:ADDRESS`.
        case ip
    }

    /// Sources tried in order; the first non-empty one wins.
    public var sources: [IdentitySource]
    /// `identity.keys`: the key → user CSV, resolved against the configuration's folder.
    public var keysFile: String?
    public var anonymous: AnonymousPolicy

    public init(sources: [IdentitySource] = [.user], keysFile: String? = nil, anonymous: AnonymousPolicy = .skip) {
        self.sources = sources
        self.keysFile = keysFile
        self.anonymous = anonymous
    }
}
