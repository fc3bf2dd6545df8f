/// One bucket of one user's use in one scope whose limit enforcement is examined.
struct LimitCheck: Hashable {
    var user: String
    var scope: String
    var period: Period
    var range: DayRange
    /// Where the limit came from, when a profile named this bucket.
    var origin: String = ""

    /// Identifies the bucket regardless of how it was found (a period's anchor aside).
    var key: Key { Key(user: user, scope: scope, period: period.name, start: range.start) }

    struct Key: Hashable {
        var user: String
        var scope: String
        var period: String
        var start: LocalDay
    }
}
