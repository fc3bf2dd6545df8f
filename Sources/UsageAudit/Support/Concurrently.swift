import Dispatch

/// Runs independent pieces of work at the same time, on both cores when they are free:
/// the analyses of a run, the reports of a folder.
///
/// The work must not share mutable state (a `ZonedCalendar` caches, so each piece needs its
/// own); what the pieces read may be shared. Results come back in the order of the work,
/// whatever order it finished in, so the output is the same as running it in sequence.
public enum Concurrently {
    /// Runs `first` and `second` at once and returns both results.
    public static func run<First, Second>(_ first: () -> First, _ second: () -> Second) -> (First, Second) {
        let results = ResultPair<First, Second>()
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                let work = WorkPair(first: first, second: second)
                DispatchQueue.concurrentPerform(iterations: 2) { index in
                    if index == 0 { results.first = work.first() } else { results.second = work.second() }
                }
            }
        }
        return (results.first!, results.second!)
    }

    /// Calls `body` with every index of `0..<count`, at once as far as the cores allow, and
    /// returns when every call has returned. Lower indices start first.
    public static func forEach(_ count: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            let work = WorkItem(body: body)
            DispatchQueue.concurrentPerform(iterations: count) { work.body($0) }
        }
    }

    /// The two results, each written by one thread before `concurrentPerform` returns.
    private final class ResultPair<First, Second>: @unchecked Sendable {
        var first: First?
        var second: Second?
    }

    /// The two pieces of work, each called on one thread.
    private struct WorkPair<First, Second>: @unchecked Sendable {
        let first: () -> First
        let second: () -> Second
    }

    /// Work called once per index.
    private struct WorkItem: @unchecked Sendable {
        let body: (Int) -> Void
    }
}
