extension StoredProfile {
    /// A counter stored twice: the same user, scope, period and stored bucket start on two
    /// rows of a store.
    public struct Repetition: Hashable, Sendable {
        /// The row seen first, and the row that repeats it.
        public var first: StoredProfile
        public var repeated: StoredProfile

        /// `user/scope/period`, as the warning names the counter.
        public var counterName: String {
            "\(first.user)/\(first.scope)/\(first.period.name)"
        }
    }

    /// The rows of `profiles` that repeat an earlier row's counter, in order. Each counter is
    /// judged per row, so a repeated one gets two verdicts (or one, on either row): a store
    /// export with duplicate rows is worth a word.
    public static func repetitions(in profiles: [StoredProfile]) -> [Repetition] {
        struct Counter: Hashable {
            var user: String
            var scope: String
            var period: String
            var periodStart: LocalDay?
        }
        var firstRow: [Counter: Int] = [:]
        var repetitions: [Repetition] = []
        for (index, profile) in profiles.enumerated() {
            let counter = Counter(user: profile.user, scope: profile.scope, period: profile.period.name, periodStart: profile.periodStart)
            if let first = firstRow[counter] {
                repetitions.append(Repetition(first: profiles[first], repeated: profile))
            } else {
                firstRow[counter] = index
            }
        }
        return repetitions
    }
}
