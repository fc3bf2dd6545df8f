/// The registry of log formats: a name in `log.format` → its `LogFormat`.
public enum LogFormats {
    /// The format `settings` describe: `json`, `w3c`, a template preset, or an nginx /
    /// Apache format string.
    public static func make(_ settings: LogSettings) throws(FormatError) -> any LogFormat {
        switch settings.format {
        case "json":
            return try JSONLogFormat(mapping: settings.jsonMapping)
        case "w3c":
            return W3CLogFormat()
        default:
            do {
                return try TemplateLogFormat(settings.format)
            } catch .unknownPreset(let name, let known) {
                throw .unknownPreset(name, known: known + ["json", "w3c"])
            }
        }
    }
}
