import Foundation

/// A state store commit running on a thread of its own while the run goes on with
/// reconciliation, detection and recommendations and then the reports on the other core.
/// The update's cells and slots (hundreds of thousands, sorted) are read off the aggregates
/// on that thread as they are written.
///
/// The transaction commits only once the caller says so: `wait()` lets it commit and joins
/// it, `abandon()` rolls it back (a run whose reports could not be staged stores nothing,
/// DESIGN §7), and a commit dropped without either is rolled back too. The store is used by
/// nothing else until then, and no report is published unless the commit succeeded (`run`
/// stages them meanwhile and publishes them after `AuditOutcome.awaitCommit()`): the same
/// guarantees as committing in line, in less wall-clock time.
final class BackgroundCommit: @unchecked Sendable {
    private let shared: Shared

    /// Starts building the update with `update` and writing it to `store`, up to the commit.
    /// - Parameter update: reads only values the caller does not change until `wait()`.
    init(_ update: @escaping () -> StateUpdate, to store: any StateStore) {
        let shared = Shared()
        self.shared = shared
        let box = StoreBox(store: store, update: update)
        let thread = Thread {
            let clock = ContinuousClock()
            let start = clock.now
            do throws(StateError) {
                guard let store = box.store, let makeUpdate = box.update else { return }
                var update = makeUpdate()
                update.confirmation = { shared.awaitDecision() }
                try store.commit(update)
            } catch {
                shared.failure = error
            }
            // Released before the caller hears of the end: the store's last reference is
            // usually this one, and a process that exits right after `wait()` must still close
            // it (SQLite checkpoints its write-ahead log on close; left open, the next reader
            // of the store writes that checkpoint, and the file changes under it).
            box.release()
            shared.duration = clock.now - start
            shared.finished.signal()
        }
        thread.name = "usage-audit state commit"
        thread.start()
    }

    deinit {
        shared.decide(commits: false)
    }

    /// Lets the transaction commit and waits for it; returns how long it took, or throws its
    /// error (again at every later call).
    func wait() throws(StateError) -> Duration {
        shared.decide(commits: true)
        shared.finished.wait()
        shared.finished.signal()
        if let failure = shared.failure { throw failure }
        return shared.duration
    }

    /// Rolls the transaction back and waits for it. Returns the error that stopped the
    /// writing before the decision, if one did; nothing of the update is stored either way.
    @discardableResult
    func abandon() -> StateError? {
        shared.decide(commits: false)
        shared.finished.wait()
        shared.finished.signal()
        guard let failure = shared.failure, case .abandoned = failure else { return shared.failure }
        return nil
    }

    /// What the committing thread and the caller share: the decision, and the outcome the
    /// thread writes before it signals `finished`.
    private final class Shared: @unchecked Sendable {
        let finished = DispatchSemaphore(value: 0)
        var failure: StateError?
        var duration: Duration = .zero
        private let decided = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var decision: Bool?

        /// The first decision counts; later ones change nothing.
        func decide(commits: Bool) {
            lock.lock()
            defer { lock.unlock() }
            guard decision == nil else { return }
            decision = commits
            decided.signal()
        }

        /// Blocks until the caller decided; whether the transaction commits.
        func awaitDecision() -> Bool {
            decided.wait()
            decided.signal()
            lock.lock()
            defer { lock.unlock() }
            return decision ?? false
        }
    }

    /// Hands the store and the update's values to the committing thread, which alone uses
    /// the store until `wait()`.
    /// The store and the update's maker, held by the committing thread until it is done.
    private final class StoreBox: @unchecked Sendable {
        private(set) var store: (any StateStore)?
        private(set) var update: (() -> StateUpdate)?

        init(store: any StateStore, update: @escaping () -> StateUpdate) {
            self.store = store
            self.update = update
        }

        func release() {
            store = nil
            update = nil
        }
    }
}
