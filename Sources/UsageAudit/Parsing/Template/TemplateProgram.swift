/// A log format template compiled into steps: literals to match and fields to cut out.
///
/// `%h %l %u %t "%r" %>s %b` becomes field, ` `, field, ` `, field, ` [`, time, `] "`,
/// request, `" `, status, ` `, field. A field ends at the first occurrence of the whole
/// literal after it; `TemplateLineParser` walks the steps over each line's bytes.
struct TemplateProgram: Sendable {
    /// One step of the program.
    struct Step: Sendable {
        enum Kind: UInt8, Sendable {
            /// `literal` must come next in the line.
            case literal
            /// `byte` is consumed when it comes next (`$is_args`, the `:` of `%v:%p`).
            case optionalByte
            /// `fields[field]` comes next.
            case field
        }

        var kind: Kind
        /// For `.literal`, the range of `TemplateProgram.literalBytes`.
        var literal: Range<Int> = 0..<0
        /// For `.optionalByte`, the byte.
        var byte: UInt8 = 0
        /// For `.field`, the index in `TemplateProgram.fields`.
        var field: Int = -1
    }

    /// The format as the operator wrote it (or the preset's template), for messages.
    var specification: String
    var steps: [Step]
    /// The bytes of every literal, one after another.
    var literalBytes: [UInt8]
    var fields: [TemplateField]
    var timeLayouts: [TimeLayout]
    /// The index of the first step of the optional tail: a line may end before any step
    /// from here on (AWS logs gain fields over the years). `steps.count` when every step
    /// is required.
    var optionalTailStart: Int
    /// Every name a configuration may ask for as `field:NAME`, in template order, with the
    /// names derived from the request line (`request_method`, `uri`, `args`) at the end.
    var fieldNames: [String]

    /// Whether the template logs the request line or target, from which `request_method`,
    /// `uri` and `args` are derived when it does not log them separately.
    var derivesRequestParts: Bool {
        fields.contains { $0.role == .request || $0.role == .target }
    }
}
