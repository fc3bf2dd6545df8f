/// One supported variable or directive of the template formats, for `usage-audit formats`.
public struct TemplateVariableDescription: Hashable, Sendable {
    /// `nginx` or `apache`.
    public let syntax: String
    /// How it is written in a format string, e.g. `$http_NAME` or `%{NAME}i`.
    public let spelling: String
    /// The canonical field name a configuration uses as `field:NAME`.
    public let field: String
    /// What the field holds.
    public let meaning: String

    public init(syntax: String, spelling: String, field: String, meaning: String) {
        self.syntax = syntax
        self.spelling = spelling
        self.field = field
        self.meaning = meaning
    }
}
