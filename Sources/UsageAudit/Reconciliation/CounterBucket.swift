/// The bucket a stored counter is about: the one containing the profile's snapshot
/// moment, or for an `Nd` window with a stored `periodStart`, the window starting there.
struct CounterBucket {
    /// The profile's period, with the quota's anchor for `Nd` windows the store does not date.
    var period: Period
    var range: DayRange
    /// The bucket before `range`.
    var previous: DayRange
    /// When the counter was read (epoch seconds).
    var snapshot: Int64
    var snapshotDay: LocalDay

    /// Whether the stored window ended before the snapshot: the store has not moved on
    /// to a new window (possible only with a stored `periodStart`).
    var isExpired: Bool { snapshotDay >= range.end }

    init(profile: StoredProfile, resolver: LimitResolver, asOf: Int64, calendar: ZonedCalendar) {
        snapshot = profile.snapshotAt ?? asOf
        snapshotDay = calendar.localDay(containing: snapshot)
        var period = profile.period
        if case .days = period, profile.periodStart == nil,
           let quota = resolver.quota(scope: profile.scope, period: period) {
            period = quota.period
        }
        self.period = period
        if case .days = period, let start = profile.periodStart {
            range = Self.stored(period, startingOn: start)
        } else {
            range = period.bucket(containing: snapshotDay)
        }
        previous = Self.previous(of: range, period: period)
    }

    /// The bucket a stored row dated `start` is about: the `Nd` window starting there, else
    /// the period's bucket holding that day.
    static func stored(_ period: Period, startingOn start: LocalDay) -> DayRange {
        if case .days(let count, _) = period { return DayRange(start: start, end: start.clampedAdding(days: max(1, count))) }
        return period.bucket(containing: start)
    }

    /// A bucket given directly (the whole input for lifetime totals).
    init(period: Period, range: DayRange, snapshot: Int64, snapshotDay: LocalDay) {
        self.period = period
        self.range = range
        self.snapshot = snapshot
        self.snapshotDay = snapshotDay
        previous = Self.previous(of: range, period: period)
    }

    /// The bucket before `range`: `[start − N, start)` for `Nd` windows (which may be dated
    /// by the store rather than by the anchor), the period's bucket before `start` otherwise.
    static func previous(of range: DayRange, period: Period) -> DayRange {
        if case .days(let count, _) = period {
            return DayRange(start: range.start.clampedAdding(days: -max(1, count)), end: range.start)
        }
        return period.bucket(containing: range.start.clampedAdding(days: -1))
    }

    /// The bucket of the same framing as `range` that contains `day` (for a dated `Nd`
    /// window, counted in whole windows from its start).
    func bucket(containing day: LocalDay) -> DayRange {
        if case .days(let count, _) = period {
            let length = max(1, count)
            let offset = Int(day.number) - Int(range.start.number)
            let index = offset >= 0 ? offset / length : -((-offset + length - 1) / length)
            let start = range.start.clampedAdding(days: index * length)
            return DayRange(start: start, end: start.clampedAdding(days: length))
        }
        return period.bucket(containing: day)
    }
}
