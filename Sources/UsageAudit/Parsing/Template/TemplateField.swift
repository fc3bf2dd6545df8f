/// One field of a compiled template: its canonical name, its role and how its end is found.
struct TemplateField: Sendable {
    /// The canonical (nginx-spelled) name, e.g. `http_user_agent`; empty for ignored fields.
    var name: String
    /// The variable as the operator wrote it (`$time_local`, `%{Referer}i`), for hints.
    var spelling: String
    var role: TemplateFieldRole
    /// For `.time` fields, the index of the layout in `TemplateProgram.timeLayouts`.
    var layoutIndex: Int = -1
    /// Whether the field is a port (`%p`, `$server_port`): a `:` written before it may be missing.
    var isPort: Bool = false

    // Filled in when the program is finished.

    /// Whether the field sits between quotes, so that `\"` and `\\` inside it are skipped over.
    var isQuoted = false
    /// The literal that ends the field (a range of `TemplateProgram.literalBytes`); nil when
    /// the field runs to the end of the line.
    var terminator: Range<Int>? = nil
    /// Whether `terminator` closes the template, so the line must end with it.
    var terminatorEndsLine = false
    /// A byte that also ends the field: the first byte of a field or optional byte written
    /// right after it with no text between.
    var stopByte: UInt8? = nil

    init(name: String, spelling: String, role: TemplateFieldRole) {
        self.name = name
        self.spelling = spelling
        self.role = role
    }
}
