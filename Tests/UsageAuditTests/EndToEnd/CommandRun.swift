import Foundation

/// What one run of the executable did.
struct CommandRun: Sendable {
    var arguments: [String]
    var exitCode: Int32
    /// True when the process crashed (trap, signal) instead of exiting.
    var terminatedBySignal: Bool
    var stdout: Data
    var stderr: String

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

    /// A one-line account for failure messages.
    var summary: String {
        let how = terminatedBySignal ? "was killed by signal \(exitCode)" : "exited \(exitCode)"
        return "usage-audit \(arguments.joined(separator: " ")) \(how); stderr:\n\(stderr)"
    }
}
