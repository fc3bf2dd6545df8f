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

extension ScopeRule {
    /// Whether `earlier`, tried first, takes every request this rule would select: this
    /// rule has path prefixes only, each starts with one of `earlier`'s, and `earlier`
    /// accepts every method this one does. A regex is never judged.
    func isShadowed(by earlier: ScopeRule) -> Bool {
        guard regex == nil, !paths.isEmpty else { return false }
        let methodsCovered = earlier.methods.isEmpty || (!methods.isEmpty && Set(methods).isSubset(of: earlier.methods))
        return methodsCovered && paths.allSatisfy { path in earlier.paths.contains { path.hasPrefix($0) } }
    }
}
