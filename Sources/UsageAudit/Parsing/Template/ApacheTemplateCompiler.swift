/// Compiles an Apache `LogFormat` string (`%h %l %u %t "%r" %>s %b …`).
///
/// A directive is `%`, then any of the condition (`!`, status codes, `,`) and `<` / `>`
/// modifier characters, an optional `{argument}`, and a letter; `%%` is a literal `%`.
/// `ApacheDirective` lists the letters and the field each one fills.
enum ApacheTemplateCompiler {
    /// Appends the literals and fields of `template` to `builder`.
    static func compile(_ template: String, specification: String, into builder: inout TemplateProgramBuilder) throws(FormatError) {
        let bytes = Array(template.utf8)
        var index = 0
        var literal: [UInt8] = []
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "%") else {
                literal.append(bytes[index])
                index += 1
                continue
            }
            if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "%") {
                literal.append(UInt8(ascii: "%"))
                index += 2
                continue
            }
            builder.appendLiteral(literal)
            literal.removeAll()
            let start = index
            index += 1
            var argument: String? = nil
            while true {
                guard index < bytes.count else {
                    throw .invalidTemplate(specification, reason: "the directive at character \(start + 1) has no letter: a '%' must be "
                        + "followed by a directive such as %h, %>s or %{User-Agent}i (write '%%' for a '%')")
                }
                let byte = bytes[index]
                if byte == UInt8(ascii: "{") {
                    guard let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")) else {
                        throw .invalidTemplate(specification, reason: "'%{' at character \(start + 1) is not closed with '}'")
                    }
                    argument = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
                    index = close + 1
                } else if byte == UInt8(ascii: "!") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "<")
                    || byte == UInt8(ascii: ">") || ASCII.isDigit(byte) {
                    index += 1
                } else {
                    break
                }
            }
            let letter = bytes[index]
            index += 1
            let spelling = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let directive = ApacheDirective.directive(letter) else {
                throw .unknownVariable(spelling, format: specification)
            }
            try append(directive, argument: argument, spelling: spelling, specification: specification, to: &builder)
        }
        builder.appendLiteral(literal)
    }

    /// Whether `template` contains at least one `%` directive, the mark of Apache syntax.
    static func looksLikeApache(_ template: String) -> Bool {
        let bytes = Array(template.utf8)
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "%") {
                let next = bytes[index + 1]
                if next == UInt8(ascii: "%") {
                    index += 2
                    continue
                }
                if ApacheDirective.directive(next) != nil || next == UInt8(ascii: "{") || next == UInt8(ascii: ">")
                    || next == UInt8(ascii: "<") || next == UInt8(ascii: "!") {
                    return true
                }
            }
            index += 1
        }
        return false
    }

    private static func append(
        _ directive: ApacheDirective, argument: String?, spelling: String, specification: String,
        to builder: inout TemplateProgramBuilder
    ) throws(FormatError) {
        func field(_ name: String, _ role: TemplateFieldRole = .named, isPort: Bool = false) {
            var field = TemplateField(name: name, spelling: spelling, role: role)
            field.isPort = isPort
            builder.appendField(field)
        }
        func unsupported(_ choices: String) -> FormatError {
            .invalidTemplate(specification, reason: "'\(spelling)' is not supported: use \(choices)")
        }
        switch directive.reading {
        case .field(let name, let role):
            field(name, role)
        case .family(let prefix):
            guard let argument, !argument.isEmpty else {
                throw .invalidTemplate(specification, reason: "'\(spelling)' needs a name in braces, e.g. %{X-Api-Key}\(spelling.suffix(1))")
            }
            field(prefix + ApacheDirective.fieldSuffix(argument))
        case .time:
            try appendTime(argument: argument, spelling: spelling, to: &builder)
        case .duration:
            switch argument {
            case nil, "s": field("request_time")
            case "ms": field("request_time_ms")
            case "us": field("request_time_us")
            default: throw unsupported("%T, %{s}T, %{ms}T or %{us}T")
            }
        case .clientAddress:
            switch argument {
            case nil: field("remote_addr", .remoteAddress)
            case "c": field("realip_remote_addr")
            default: throw unsupported("%a or %{c}a")
            }
        case .port:
            switch argument {
            case nil, "canonical", "local": field("server_port", isPort: true)
            case "remote": field("remote_port", isPort: true)
            default: throw unsupported("%p, %{canonical}p, %{local}p or %{remote}p")
            }
        case .process:
            switch argument {
            case nil, "pid": field("pid")
            case "tid", "hextid": field("tid")
            default: throw unsupported("%P, %{pid}P, %{tid}P or %{hextid}P")
            }
        }
    }

    /// `%t` is `[` common-log time `]`; `%{FMT}t` is a strftime pattern or one of
    /// `sec`, `msec`, `usec`, `msec_frac`, `usec_frac`, each optionally after `begin:` or `end:`.
    private static func appendTime(argument: String?, spelling: String, to builder: inout TemplateProgramBuilder) throws(FormatError) {
        guard var pattern = argument else {
            builder.appendLiteral("[")
            builder.appendTime(.commonLog, name: "time_local", spelling: spelling)
            builder.appendLiteral("]")
            return
        }
        for prefix in ["begin:", "end:"] where pattern.hasPrefix(prefix) {
            pattern.removeFirst(prefix.count)
        }
        switch pattern {
        case "sec": builder.appendTime(.epochSeconds, name: "time_sec", spelling: spelling)
        case "msec": builder.appendTime(.epochMilliseconds, name: "time_msec", spelling: spelling)
        case "usec": builder.appendTime(.epochMicroseconds, name: "time_usec", spelling: spelling)
        case "msec_frac", "usec_frac":
            builder.appendField(TemplateField(name: "time_" + pattern, spelling: spelling, role: .timeFraction))
        default:
            builder.appendTime(try TimeLayout(strftime: pattern), name: "time_local", spelling: spelling)
        }
    }
}
