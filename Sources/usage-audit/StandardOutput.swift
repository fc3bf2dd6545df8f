import Foundation

/// Writes data to stdout; a closed pipe (`usage-audit count … | head`) ends the program
/// quietly with success, as a pipeline expects.
enum StandardOutput {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                StandardError.shared.write("usage-audit: error: cannot write to standard output: \(String(cString: strerror(errno)))\n")
                exit(ExitStatus.unreadableInput)
            }
            offset += written
        }
        bytes.removeAll()
    }
}
