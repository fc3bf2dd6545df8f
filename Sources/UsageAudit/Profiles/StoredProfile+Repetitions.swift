extension StoredProfile {
    /// A counter stored on more than one row of a store: the same user, scope, period,
    /// stored bucket start and snapshot moment (rows read at other moments are other
    /// buckets' counters, as a store keeping history has them).
    public struct Repetition: Hashable, Sendable {
        /// The counter's rows, in store order.
        public var rows: [StoredProfile]

        /// `user/scope/period`, as the warning names the counter.
        public var counterName: String {
            "\(rows[0].user)/\(rows[0].scope)/\(rows[0].period.name)"
        }
    }

    /// The counters of `profiles` that are on more than one row, in the order of their
    /// first rows. Each row is judged on its own, so a repeated counter gets two verdicts
    /// (or one, on either row): a store export with duplicate rows is worth a word.
    public static func repetitions(in profiles: [StoredProfile]) -> [Repetition] {
        struct Counter: Hashable {
            var user: String
            var scope: String
            var period: String
            var periodStart: LocalDay?
            var snapshotAt: Int64?
        }
        var rows: [Counter: [StoredProfile]] = [:]
        var order: [Counter] = []
        for profile in profiles {
            let counter = Counter(
                user: profile.user, scope: profile.scope, period: profile.period.name,
                periodStart: profile.periodStart, snapshotAt: profile.snapshotAt)
            if rows[counter] == nil { order.append(counter) }
            rows[counter, default: []].append(profile)
        }
        return order.compactMap { counter in
            rows[counter].flatMap { $0.count > 1 ? Repetition(rows: $0) : nil }
        }
    }
}
