import Foundation
import UsageAudit

/// An error the command reports on stderr before exiting with its code.
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32

    init(_ error: AuditError) {
        message = error.description
        exitCode = ExitStatus.code(for: error)
    }

    init(message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    func report() {
        let color = Terminal.standardErrorUsesColor
        let prefix = color ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
        StandardError.shared.write("usage-audit: \(prefix) \(message)\n")
    }
}
