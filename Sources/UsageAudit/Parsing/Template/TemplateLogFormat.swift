/// A log format given as a preset name, an nginx `log_format` string or an Apache
/// `LogFormat` string, compiled once into a `TemplateProgram`.
///
/// ```
/// try TemplateLogFormat("combined")
/// try TemplateLogFormat(#"$remote_addr - $remote_user [$time_local] "$request" $status $http_x_api_key"#)
/// try TemplateLogFormat(#"%h %l %u %t \"%r\" %>s %b \"%{X-Api-Key}i\""#)
/// ```
///
/// The syntax is told from the string: `$name` variables mean nginx, `%` directives mean
/// Apache. `\"`, `\\` and `\t` are unescaped first, as in server configuration files.
/// Field names are nginx's spelling whatever the syntax (see `ApacheDirective`).
public struct TemplateLogFormat: LogFormat {
    /// The preset name, or the format string as given.
    public let specification: String
    let program: TemplateProgram

    /// Compiles `specification`.
    /// - Throws: `.unknownPreset` for a word that names no preset, `.unknownVariable` for an
    ///   Apache directive usage-audit does not know, `.invalidTemplate` for a malformed
    ///   string, `.invalidTimePattern` for a bad `%{…}t`, `.missingTime` when no field
    ///   tells the request time.
    public init(_ specification: String) throws(FormatError) {
        self.specification = specification
        let trimmed = Self.trimmingWhitespace(specification)
        var builder = TemplateProgramBuilder(specification: specification)
        if let preset = TemplatePreset.named(trimmed.lowercased()) {
            try Self.compile(preset.template, specification: specification, into: &builder)
            if !preset.optionalTail.isEmpty {
                builder.markOptionalTail()
                try Self.compile(preset.optionalTail, specification: specification, into: &builder)
                // Fields AWS adds later land in one ignored field.
                builder.appendLiteral(" ")
                builder.appendField(TemplateField(name: "", spelling: "(later fields)", role: .ignored))
            }
        } else {
            try Self.compile(Self.unescaped(specification), specification: specification, into: &builder)
        }
        program = try builder.finish()
    }

    /// The catalog of every named field of the template.
    /// - Throws: `.unknownField` for a name in `names` that the template does not log.
    public func fieldCatalog(requesting names: [String]) throws(FormatError) -> FieldCatalog {
        let catalog = FieldCatalog(names: program.fieldNames)
        for name in names where catalog.index(of: name) == nil {
            throw .unknownField(name, available: catalog.names)
        }
        return catalog
    }

    public func makeParser(fields: FieldCatalog, calendar: ZonedCalendar) -> any LineParser {
        TemplateLineParser(program: program, fields: fields, calendar: calendar)
    }

    /// The presets, for `usage-audit formats`.
    public static var presets: [(name: String, template: String)] {
        TemplatePreset.all.map { ($0.name, $0.fullTemplate) }
    }

    /// The variables and directives with a known meaning, for `usage-audit formats`.
    public static var supportedVariables: [TemplateVariableDescription] {
        NginxVariable.descriptions + ApacheDirective.descriptions
    }

    /// Compiles a template in whichever syntax it is written.
    private static func compile(_ template: String, specification: String, into builder: inout TemplateProgramBuilder) throws(FormatError) {
        let isNginx = NginxTemplateCompiler.looksLikeNginx(template)
        let isApache = ApacheTemplateCompiler.looksLikeApache(template)
        if isNginx && !isApache {
            try NginxTemplateCompiler.compile(template, specification: specification, into: &builder)
        } else if isApache && !isNginx {
            try ApacheTemplateCompiler.compile(template, specification: specification, into: &builder)
        } else if isNginx {
            throw .invalidTemplate(specification, reason: "it mixes nginx '$name' variables and Apache '%' directives; use one syntax")
        } else if !template.contains(" "), !template.isEmpty {
            throw .unknownPreset(template, known: TemplatePreset.all.map(\.name))
        } else {
            throw .invalidTemplate(specification, reason: "it has no nginx '$name' variables and no Apache '%' directives")
        }
    }

    /// `text` with the escapes of server configuration strings resolved: `\"`, `\'`, `\\`, `\t`.
    static func unescaped(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var result: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == ASCII.backslash else {
                result.append(byte)
                continue
            }
            switch iterator.next() {
            case UInt8(ascii: "t")?: result.append(ASCII.tab)
            case let next? where next == ASCII.quote || next == ASCII.backslash || next == UInt8(ascii: "'"):
                result.append(next)
            case let next?: result += [byte, next]
            case nil: result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func trimmingWhitespace(_ text: String) -> String {
        var view = Substring(text)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
