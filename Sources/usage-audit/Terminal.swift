import Foundation

/// What the process's terminal allows: colour, progress lines.
enum Terminal {
    /// Whether stderr is a terminal (progress lines are drawn only then).
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Colour only on a terminal and never when `NO_COLOR` is set (https://no-color.org).
    static var standardErrorUsesColor: Bool {
        standardErrorIsTerminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }
}
