import Foundation
import Logging

/// Log lines on stderr in the shape of a command-line tool: `usage-audit: warning: …`,
/// coloured on a terminal unless `NO_COLOR` is set.
struct StandardErrorLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    private let color = Terminal.standardErrorUsesColor

    init(level: Logger.Level) {
        logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let details = merged.isEmpty ? "" : " (" + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + ")"
        let level = label(for: event.level)
        let line = "usage-audit: \(level.isEmpty ? "" : level + " ")\(event.message)\(details)\n"
        StandardError.shared.write(line)
    }

    private func label(for level: Logger.Level) -> String {
        let (name, code): (String, String) = switch level {
        case .trace, .debug: ("debug:", "2")
        case .info: ("", "")
        case .notice: ("note:", "36")
        case .warning: ("warning:", "33")
        case .error, .critical: ("error:", "31")
        }
        guard color, !code.isEmpty else { return name }
        return "\u{1B}[\(code)m\(name)\u{1B}[0m"
    }
}
