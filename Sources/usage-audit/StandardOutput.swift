import Foundation
import UsageAudit

/// Writes data to stdout; a closed pipe (`usage-audit count … | head`) ends the program
/// quietly with success, as a pipeline expects.
enum StandardOutput {
    static func write(_ text: String) {
        var text = text
        let failure = text.withUTF8 { buffer in
            buffer.baseAddress.flatMap { FileDescriptor.writeAll(STDOUT_FILENO, $0, count: buffer.count) }
        }
        guard let failure else { return }
        if failure == EPIPE { exit(0) }
        StandardError.shared.write("usage-audit: error: cannot write to standard output: \(String(cString: strerror(failure)))\n")
        exit(ExitStatus.unreadableInput)
    }
}
