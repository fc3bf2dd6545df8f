import Dispatch
import Foundation
import UsageAudit

/// A one-line progress display on stderr, redrawn a few times a second — only when stderr
/// is a terminal, so logs captured by cron or systemd never contain it.
final class ProgressLine: @unchecked Sendable {
    private let progress: CountingProgress
    private let timer: DispatchSourceTimer
    private let queue = DispatchQueue(label: "usage-audit.progress")

    /// Starts drawing, or returns nil when stderr is not a terminal or `quiet` is set.
    static func start(for progress: CountingProgress, quiet: Bool) -> ProgressLine? {
        guard !quiet, Terminal.standardErrorIsTerminal else { return nil }
        return ProgressLine(progress: progress)
    }

    private init(progress: CountingProgress) {
        self.progress = progress
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .milliseconds(300), repeating: .milliseconds(250))
        timer.setEventHandler { [progress] in
            let text = "reading \(progress.inputsFinished)/\(progress.inputCount) inputs, \(progress.linesRead.formatted()) lines"
            StandardError.shared.showProgress(text)
        }
        timer.resume()
    }

    /// Stops drawing and clears the line.
    func finish() {
        queue.sync {
            timer.cancel()
            StandardError.shared.clearProgress()
        }
    }
}
