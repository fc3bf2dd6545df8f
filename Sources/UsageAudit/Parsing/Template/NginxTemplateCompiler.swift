/// Compiles an nginx `log_format` string (`$remote_addr - $remote_user [$time_local] …`).
///
/// Variables are `$name` or `${name}` with `name` made of letters, digits and `_`, not
/// starting with a digit; names are case-insensitive and kept lower-case. Every other
/// byte is literal text.
enum NginxTemplateCompiler {
    /// Appends the literals and fields of `template` to `builder`.
    static func compile(_ template: String, specification: String, into builder: inout TemplateProgramBuilder) throws(FormatError) {
        let bytes = Array(template.utf8)
        var index = 0
        var literalStart = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "$") else {
                index += 1
                continue
            }
            builder.appendLiteral(bytes[literalStart..<index])
            let (name, next) = try readName(bytes, dollarAt: index, specification: specification)
            let variable = try NginxVariable.variable(named: name, in: specification)
            let spelling = "$" + name
            switch variable.reading {
            case .field(let role):
                var field = TemplateField(name: name, spelling: spelling, role: role)
                field.isPort = variable.isPort
                builder.appendField(field)
            case .time(let layout):
                builder.appendTime(layout, name: name, spelling: spelling)
            case .optionalByte(let byte):
                builder.appendOptionalByte(byte)
            }
            index = next
            literalStart = next
        }
        builder.appendLiteral(bytes[literalStart..<bytes.count])
    }

    /// Whether `template` contains at least one `$name`, the mark of nginx syntax.
    static func looksLikeNginx(_ template: String) -> Bool {
        let bytes = Array(template.utf8)
        return bytes.indices.contains { index in
            bytes[index] == UInt8(ascii: "$") && index + 1 < bytes.count
                && (isNameByte(bytes[index + 1]) || bytes[index + 1] == UInt8(ascii: "{"))
        }
    }

    /// The lower-cased name of the variable whose `$` is at `dollar`, and the offset after it.
    private static func readName(_ bytes: [UInt8], dollarAt dollar: Int, specification: String) throws(FormatError) -> (String, Int) {
        var start = dollar + 1
        var end = start
        let next: Int
        if start < bytes.count, bytes[start] == UInt8(ascii: "{") {
            start += 1
            guard let close = bytes[start...].firstIndex(of: UInt8(ascii: "}")) else {
                throw .invalidTemplate(specification, reason: "'${' at character \(dollar + 1) is not closed with '}'")
            }
            end = close
            next = close + 1
        } else {
            while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
            next = end
        }
        let name = bytes[start..<end]
        guard let first = name.first, !ASCII.isDigit(first), name.allSatisfy(isNameByte) else {
            let shown = String(decoding: bytes[dollar..<min(max(next, dollar + 2), bytes.count)], as: UTF8.self)
            throw .invalidTemplate(
                specification,
                reason: "'\(shown)' at character \(dollar + 1) is not a variable: a '$' must be followed by a name "
                    + "of letters, digits and '_' such as $remote_addr")
        }
        return (String(decoding: name.map(ASCII.lowercased), as: UTF8.self), next)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        let lower = ASCII.lowercased(byte)
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || ASCII.isDigit(byte) || byte == UInt8(ascii: "_")
    }
}
