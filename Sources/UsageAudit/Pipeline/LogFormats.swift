/// The registry of log formats: a name in `log.format` → its `LogFormat`.
public enum LogFormats {
    /// The format `settings` describe: `json`, `w3c`, a template preset, or an nginx /
    /// Apache format string.
    public static func make(_ settings: LogSettings) throws(FormatError) -> any LogFormat {
        let format = canonicalName(settings.format)
        switch format {
        case "json":
            return try JSONLogFormat(mapping: settings.jsonMapping)
        case "w3c":
            return W3CLogFormat()
        default:
            do {
                return try TemplateLogFormat(format)
            } catch .unknownPreset(let name, _) {
                throw .unknownPreset(name, known: names)
            }
        }
    }

    /// A name trimmed and in lower case (`JSON`, ` Combined`), a format string as written.
    public static func canonicalName(_ format: String) -> String {
        let trimmed = String(format.trimmingCharacters())
        return isName(trimmed) ? trimmed.lowercased() : format
    }

    /// Whether `format` is one word, a name rather than a format string.
    public static func isName(_ format: String) -> Bool {
        !format.isEmpty && !format.contains { $0 == "%" || $0 == "$" || $0 == " " }
    }

    /// Every name `[log] format` takes.
    public static var names: [String] { TemplatePreset.all.map(\.name) + ["json", "w3c"] }
}
