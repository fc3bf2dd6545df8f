extension Period {
    /// The bucket of this period that contains `day`, as a half-open range of local days.
    ///
    /// * `day`, `week` (Monday start), `month`, `year`: the calendar unit around `day`.
    /// * `days(N, anchor:)`: the window `[anchor + kN, anchor + (k+1)N)` holding `day`,
    ///   also before the anchor.
    /// * `billingCycle(day: D)`: from day D of a month (clamped to its length) to day D of
    ///   the next. Each start is computed from its calendar month, never by stepping from
    ///   the previous cycle, so Jan 31 → Feb 28 → Mar 31 and no day is in two cycles.
    public func bucket(containing day: LocalDay) -> DayRange {
        switch self {
        case .day:
            return DayRange(start: day, end: Period.day(Int(day.number) + 1))
        case .week:
            let start = Int(day.number) - (day.isoWeekday - 1)
            return DayRange(start: Period.day(start), end: Period.day(start + 7))
        case .month:
            let date = day.date
            let start = CivilDate(year: date.year, month: date.month, day: 1)
            return DayRange(start: Period.day(start), end: Period.day(start.addingMonths(1)))
        case .year:
            let year = day.date.year
            return DayRange(
                start: Period.day(CivilDate(year: year, month: 1, day: 1)),
                end: Period.day(CivilDate(year: year + 1, month: 1, day: 1)))
        case .days(let count, let anchor):
            let length = max(1, count)
            let offset = Int(day.number) - Int(anchor.number)
            let index = offset >= 0 ? offset / length : -((-offset + length - 1) / length)
            let start = Int(anchor.number) + index * length
            return DayRange(start: Period.day(start), end: Period.day(start + length))
        case .billingCycle(let billingDay):
            let cycleDay = min(max(billingDay, 1), 31)
            let date = day.date
            var monthIndex = date.year * 12 + (date.month - 1)
            if date.day < Period.cycleStart(monthIndex: monthIndex, day: cycleDay).day {
                monthIndex -= 1
            }
            return DayRange(
                start: Period.day(Period.cycleStart(monthIndex: monthIndex, day: cycleDay)),
                end: Period.day(Period.cycleStart(monthIndex: monthIndex + 1, day: cycleDay)))
        }
    }

    /// The bucket that follows `range` (which should be a bucket of this period).
    public func bucket(after range: DayRange) -> DayRange {
        bucket(containing: range.end)
    }

    /// Day `day` of the month `monthIndex` (year × 12 + month − 1), clamped to its length.
    private static func cycleStart(monthIndex: Int, day: Int) -> CivilDate {
        let year = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let month = monthIndex - year * 12 + 1
        return CivilDate(year: year, month: month, day: min(day, CivilDate.length(ofMonth: month, inYear: year)))
    }

    /// The local day with number `number`, clamped to what `LocalDay` can hold.
    @inline(__always)
    private static func day(_ number: Int) -> LocalDay {
        LocalDay(number: Int32(clamping: number))
    }

    /// The local day of `date`, clamped to what `LocalDay` can hold.
    @inline(__always)
    private static func day(_ date: CivilDate) -> LocalDay {
        day(date.daysSinceEpoch)
    }
}
