import Foundation
import Synchronization
import UsageAudit

/// Everything the program writes to stderr: log lines, error messages and the progress
/// line, so that they never garble one another.
///
/// A write that fails (a closed pipe, `2>&-`, `/dev/full`, a log shipper that died) is
/// dropped: diagnostics must never change how a run ends. (`FileHandle.write` traps on a
/// failed write: the run died with SIGILL, exit 132, before or after its reports.)
///
/// While a progress line is shown, a log line first clears it and then draws it again
/// below, so that a note never lands at the end of the progress text.
final class StandardError: Sendable {
    static let shared = StandardError()

    /// The progress text on the screen, if any.
    private let progress = Mutex<String?>(nil)

    /// Writes `text` (whole lines) below the progress line, if one is shown.
    func write(_ text: String) {
        progress.withLock { shown in
            guard let shown else {
                Self.write(bytes: text)
                return
            }
            Self.write(bytes: Self.clearLine + text + Self.clearLine + shown)
        }
    }

    /// Shows `text` as the progress line (replacing the one shown).
    func showProgress(_ text: String) {
        progress.withLock { shown in
            shown = text
            Self.write(bytes: Self.clearLine + text)
        }
    }

    /// Clears the progress line, if one is shown.
    func clearProgress() {
        progress.withLock { shown in
            guard shown != nil else { return }
            shown = nil
            Self.write(bytes: Self.clearLine)
        }
    }

    /// Back to the start of the line, and the line erased.
    private static let clearLine = "\r\u{1B}[2K"

    /// Writes all of `text` to descriptor 2; gives up silently on a failure.
    private static func write(bytes text: String) {
        var text = text
        text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            FileDescriptor.writeAll(STDERR_FILENO, base, count: buffer.count)
        }
    }
}
