/// One counted request between attributing it and recording it: `InputCounter` attributes
/// a run of parsed lines first (user ids interned in line order) and records them after
/// (`CountedUsage.record(_:)`), so that recording is a short loop whose lookups of each
/// user's counts do not wait on one another.
struct AttributedRequest {
    var user: Int32
    var scope: Int32
    var day: LocalDay
    var time: Int64
    var units: Int64
    var consumed: Bool
    var rejected: Bool

    /// Records the request in `usage`.
    @inline(__always)
    func record(into usage: inout CountedUsage) {
        usage.record(userID: user, scope: Int(scope), day: day, time: time, units: units, consumed: consumed, rejected: rejected)
    }
}
