import Foundation
import Logging

/// A log handler that keeps every line (message and metadata) for the tests to search.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var storedLines: [String] = []

    /// Everything logged so far, one string per call.
    var lines: [String] { lock.withLock { storedLines } }

    /// A logger at trace level, the most talkative, that writes here.
    func logger() -> Logger {
        var logger = Logger(label: "usage-audit.tests.capture") { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ line: String) {
        lock.withLock { storedLines.append(line) }
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append("\(event.level) \(event.message) \(all) \(event.error.map { "\($0)" } ?? "")")
        }
    }
}
