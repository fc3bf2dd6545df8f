import Foundation

/// What the process's terminal allows: colour, progress lines.
enum Terminal {
    /// Whether stderr is a terminal (progress lines are drawn only then).
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Colour only on a terminal, never when `NO_COLOR` is set (https://no-color.org) nor on
    /// a terminal that says it has none (`TERM=dumb`: Emacs' shell, some CI consoles).
    static var standardErrorUsesColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        return standardErrorIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
}
