import Foundation

/// A state store commit running on a thread of its own while the run goes on with
/// reconciliation, detection and recommendations and then the reports on the other core;
/// `wait()` joins it. The update's cells and slots (hundreds of thousands, sorted) are read
/// off the aggregates on that thread as they are written.
///
/// The store is used by nothing else until `wait()` returns, and no report is published
/// unless the commit succeeded (`run` stages them meanwhile and publishes them after
/// `AuditOutcome.awaitCommit()`): the same guarantees as committing in line, in less
/// wall-clock time.
final class BackgroundCommit: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    // Written by the committing thread before it signals `finished`, read after `wait()`.
    private var failure: StateError?
    private var duration: Duration = .zero

    /// Starts building the update with `update` and committing it to `store`.
    /// - Parameter update: reads only values the caller does not change until `wait()`.
    init(_ update: @escaping () -> StateUpdate, to store: any StateStore) {
        let box = StoreBox(store: store, update: update)
        let thread = Thread { [self] in
            let clock = ContinuousClock()
            let start = clock.now
            do throws(StateError) {
                try box.store.commit(box.update())
            } catch {
                failure = error
            }
            duration = clock.now - start
            finished.signal()
        }
        thread.name = "usage-audit state commit"
        thread.start()
    }

    /// Waits for the commit; returns how long it took, or throws its error (again at every
    /// later call).
    func wait() throws(StateError) -> Duration {
        finished.wait()
        finished.signal()
        if let failure { throw failure }
        return duration
    }

    /// Hands the store and the update's values to the committing thread, which alone uses
    /// the store until `wait()`.
    private struct StoreBox: @unchecked Sendable {
        let store: any StateStore
        let update: () -> StateUpdate
    }
}
