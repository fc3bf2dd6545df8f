/// One stored counter's identity: a user's counter of one scope and period (by the
/// period's name, `30d` whatever its anchor). A store may keep it on several rows (one per
/// bucket, one per read); `--fix-sql`, the row grouping and the limit checks key on it.
struct CounterKey: Hashable {
    var user: String
    var scope: String
    var period: String

    init(user: String, scope: String, period: Period) {
        self.user = user
        self.scope = scope
        self.period = period.name
    }

    init(_ profile: StoredProfile) {
        self.init(user: profile.user, scope: profile.scope, period: profile.period)
    }
}
