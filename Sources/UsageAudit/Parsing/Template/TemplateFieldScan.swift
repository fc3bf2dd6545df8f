/// The part of a `TemplateField` the parser reads for every line, free of strings so that
/// reading it costs no reference counting.
struct TemplateFieldScan: Sendable {
    let role: TemplateFieldRole
    let layoutIndex: Int
    /// The field's index in the parser's `FieldCatalog`, or nil when it is not stored.
    let catalogIndex: Int?
    let isQuoted: Bool
    let terminator: Range<Int>?
    let terminatorEndsLine: Bool
    let stopByte: UInt8?

    init(_ field: TemplateField, catalogIndex: Int?) {
        role = field.role
        layoutIndex = field.layoutIndex
        self.catalogIndex = catalogIndex
        isQuoted = field.isQuoted
        terminator = field.terminator
        terminatorEndsLine = field.terminatorEndsLine
        stopByte = field.stopByte
    }
}
