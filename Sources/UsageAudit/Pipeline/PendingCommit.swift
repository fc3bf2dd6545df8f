import Logging

/// A state commit still running when the audit returned: the caller stages its reports
/// meanwhile and joins it (`AuditOutcome.awaitCommit()`) before publishing them, so that
/// reports appear only for a run whose counts were committed.
public struct PendingCommit: Sendable {
    private let commit: BackgroundCommit
    private let logger: Logger

    init(_ commit: BackgroundCommit, logger: Logger) {
        self.commit = commit
        self.logger = logger
    }

    /// Waits for the commit: how long this waited and how long the commit took, in seconds.
    func wait() throws(AuditError) -> (waited: Double, took: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let took = try commit.wait()
            logger.debug("state committed in \(took.seconds) s, beside the analyses and the reports")
            return ((clock.now - start).seconds, took.seconds)
        } catch {
            throw .state(error)
        }
    }

    /// Rolls the commit back and waits for it (see `BackgroundCommit.abandon()`).
    func abandon() {
        if let failure = commit.abandon() {
            logger.warning("the state commit had already failed: \(failure)")
        } else {
            logger.info("nothing of this run was stored in the state store: it failed before its counts were committed")
        }
    }
}
