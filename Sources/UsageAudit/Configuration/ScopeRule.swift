/// `[[scope]]`: a service whose requests are counted separately.
public struct ScopeRule: Sendable, Equatable {
    public var name: String
    /// Path prefixes that select the scope.
    public var paths: [String]
    /// A POSIX extended regular expression on the path, as an alternative to `paths`.
    public var regex: String?
    /// HTTP methods the rule is limited to (upper case); empty means any method.
    public var methods: [String]
    public var cost: CostRule

    public init(name: String, paths: [String] = [], regex: String? = nil, methods: [String] = [], cost: CostRule = .constant(1)) {
        self.name = name
        self.paths = paths
        self.regex = regex
        self.methods = methods
        self.cost = cost
    }
}
