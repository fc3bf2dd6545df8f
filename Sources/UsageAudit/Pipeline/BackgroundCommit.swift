import Foundation

/// A state store commit running on a thread of its own while the run goes on with the roll-up,
/// reconciliation, detection and recommendations on the other core; `wait()` joins it.
///
/// The store is used by nothing else until `wait()` returns, and the run returns no outcome
/// (so no report is written) unless the commit succeeded: the same guarantees as
/// committing in line, in less wall-clock time.
final class BackgroundCommit: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    // Written by the committing thread before it signals `finished`, read after `wait()`.
    private var failure: StateError?
    private var duration: Duration = .zero

    /// Starts committing `update` to `store`.
    init(_ update: StateUpdate, to store: any StateStore) {
        let box = StoreBox(store: store)
        let thread = Thread { [self] in
            let clock = ContinuousClock()
            let start = clock.now
            do throws(StateError) {
                try box.store.commit(update)
            } catch {
                failure = error
            }
            duration = clock.now - start
            finished.signal()
        }
        thread.name = "usage-audit state commit"
        thread.start()
    }

    /// Waits for the commit; returns how long it took, or throws its error.
    func wait() throws(StateError) -> Duration {
        finished.wait()
        if let failure { throw failure }
        return duration
    }

    /// Hands the store to the committing thread, which alone uses it until `wait()`.
    private struct StoreBox: @unchecked Sendable {
        let store: any StateStore
    }
}
