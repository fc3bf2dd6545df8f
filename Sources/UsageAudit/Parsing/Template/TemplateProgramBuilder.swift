/// Collects the literals and fields a template compiler reads, then links them into a
/// `TemplateProgram`: merges literals, decides what ends each field, checks for a time.
struct TemplateProgramBuilder {
    private enum Token {
        case literal([UInt8])
        case optionalByte(UInt8)
        case field(TemplateField)
        case optionalTail
    }

    private let specification: String
    private var tokens: [Token] = []
    private var timeLayouts: [TimeLayout] = []

    init(specification: String) {
        self.specification = specification
    }

    mutating func appendLiteral<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        let bytes = Array(bytes)
        guard !bytes.isEmpty else { return }
        if case .literal(let previous)? = tokens.last {
            tokens[tokens.count - 1] = .literal(previous + bytes)
        } else {
            tokens.append(.literal(bytes))
        }
    }

    mutating func appendLiteral(_ text: String) {
        appendLiteral(text.utf8)
    }

    mutating func appendField(_ field: TemplateField) {
        tokens.append(.field(field))
    }

    /// Appends a field read with `layout` into the line's `TimeParts`.
    mutating func appendTime(_ layout: TimeLayout, name: String, spelling: String) {
        var field = TemplateField(name: name, spelling: spelling, role: .time)
        field.layoutIndex = timeLayouts.count
        timeLayouts.append(layout)
        tokens.append(.field(field))
    }

    /// Appends a byte that is consumed when present (`$is_args`).
    mutating func appendOptionalByte(_ byte: UInt8) {
        tokens.append(.optionalByte(byte))
    }

    /// Marks the start of the optional tail: a line may end anywhere after this point.
    mutating func markOptionalTail() {
        tokens.append(.optionalTail)
    }

    /// Links the tokens into a program.
    /// - Throws: `.invalidTemplate` for two fields with no text between them (unless the
    ///   second starts with a known byte such as the `/` of a path), `.missingTime` when
    ///   nothing in the template tells the request time.
    func finish() throws(FormatError) -> TemplateProgram {
        var program = TemplateProgram(
            specification: specification, steps: [], literalBytes: [], fields: [],
            timeLayouts: timeLayouts, optionalTailStart: Int.max, fieldNames: [])
        var insideQuotes = false
        for (position, token) in tokens.enumerated() {
            switch token {
            case .literal(let bytes):
                if isColonBeforePort(at: position) {
                    program.steps.append(.init(kind: .optionalByte, byte: ASCII.colon))
                    continue
                }
                let start = program.literalBytes.count
                program.literalBytes += bytes
                program.steps.append(.init(kind: .literal, literal: start..<program.literalBytes.count))
                for byte in bytes where byte == ASCII.quote { insideQuotes.toggle() }
            case .optionalByte(let byte):
                program.steps.append(.init(kind: .optionalByte, byte: byte))
            case .field(var field):
                field.isQuoted = insideQuotes
                program.steps.append(.init(kind: .field, field: program.fields.count))
                program.fields.append(field)
            case .optionalTail:
                program.optionalTailStart = min(program.optionalTailStart, program.steps.count)
            }
        }
        program.optionalTailStart = min(program.optionalTailStart, program.steps.count)
        try linkFieldEnds(in: &program)
        guard program.fields.contains(where: { $0.role == .time }) else {
            throw .missingTime(format: specification)
        }
        program.fieldNames = Self.fieldNames(of: program)
        return program
    }

    /// Whether the token at `position` is a lone `:` between a field and a port field,
    /// which then becomes optional so that `%v:%p` also reads a host logged without port.
    private func isColonBeforePort(at position: Int) -> Bool {
        guard position > 0, position + 1 < tokens.count,
              case .literal(let bytes) = tokens[position], bytes == [ASCII.colon],
              case .field = tokens[position - 1],
              case .field(let next) = tokens[position + 1], next.isPort
        else { return false }
        return true
    }

    /// Sets each field's terminator literal and stop byte.
    private func linkFieldEnds(in program: inout TemplateProgram) throws(FormatError) {
        let steps = program.steps
        for (index, step) in steps.enumerated() where step.kind == .field {
            var field = program.fields[step.field]
            if index + 1 < steps.count {
                let next = steps[index + 1]
                switch next.kind {
                case .literal:
                    field.terminator = next.literal
                    field.terminatorEndsLine = index + 2 == steps.count
                case .optionalByte:
                    field.stopByte = next.byte
                case .field:
                    let following = program.fields[next.field]
                    guard let byte = following.role.leadingByte else {
                        throw .invalidTemplate(
                            specification,
                            reason: "'\(following.spelling)' follows '\(field.spelling)' with nothing between them, "
                                + "so the end of '\(field.spelling)' cannot be found; put a space or other text between them")
                    }
                    field.stopByte = byte
                }
                if next.kind != .literal, let literal = steps[(index + 1)...].first(where: { $0.kind == .literal }) {
                    field.terminator = literal.literal
                }
            }
            program.fields[step.field] = field
        }
    }

    private static func fieldNames(of program: TemplateProgram) -> [String] {
        var catalog = FieldCatalog()
        for field in program.fields where field.role != .ignored { catalog.add(field.name) }
        if program.derivesRequestParts {
            for name in ["request_method", "uri", "args"] { catalog.add(name) }
        }
        return catalog.names
    }
}
