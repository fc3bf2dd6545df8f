/// The part of a `TemplateField` the parser reads for every line, free of strings so that
/// reading it costs no reference counting.
struct TemplateFieldScan: Sendable {
    let role: TemplateFieldRole
    let layoutIndex: Int
    /// The field's index in the parser's `FieldCatalog`, or nil when it is not stored.
    private(set) var catalogIndex: Int?
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

    /// This scan, storing its field only when its catalog index is in `kept`.
    func keepingOnly(_ kept: Set<Int>) -> TemplateFieldScan {
        var scan = self
        if let index = catalogIndex, !kept.contains(index) { scan.catalogIndex = nil }
        return scan
    }
}
