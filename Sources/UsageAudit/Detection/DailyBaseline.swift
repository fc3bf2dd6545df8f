/// A user's usual daily units in one scope before a day, estimated robustly from the days
/// before it: what a spike is judged against and what limit findings quote as "usual".
///
/// * History: the `windowDays` days before the judged day, never before the series' first
///   day (before it the user did not exist: those days are not history at all). Days after
///   the first one without use are history days with zero units.
/// * Level: the median of the active days (days with use). A day without use is absence,
///   not a small amount: counting zeros would put the level of a user active on half the
///   days anywhere between nothing and their usual day, and make each ordinary active day
///   of a sparse or office-hours user look like a jump. (The plain median of all history
///   days, zeros included, is kept as `median` for the new-user cohort.)
/// * Weekly rhythm: when at least `minimumWeekdays` days of the same ISO weekday are in the
///   history and their median is `rhythmFactor` times the level or more, that median is the
///   baseline (a weekly batch job on Mondays is not a spike every Monday). A weekday that is
///   usually lighter (the weekend) is still judged against the level of the active days, so
///   a user who works one Saturday as on a weekday is not a spike either.
/// * Spread: the level times the variation of the active days (1.4826 × their median
///   absolute deviation over their median: a coefficient of variation that one bulk day
///   does not move, and that days without use — absence, not a small amount — do not
///   inflate); for a weekday rhythm at least the spread of those weekdays themselves.
struct DailyBaseline: Equatable, Sendable {
    /// Where the baseline came from, for the evidence sentence.
    enum Source: Equatable, Sendable {
        /// The median of all `days` history days, every one of which had use.
        case allDays(days: Int)
        /// The median of the `active` days with use among `days` history days.
        case activeDays(active: Int, days: Int)
        /// The median of the last `count` days of the same ISO weekday (1 = Monday).
        case weekday(count: Int, isoWeekday: Int)
    }

    /// The usual daily units on the judged day (a day with use).
    var level: Double
    /// The spread of the days the level came from, on the scale of a standard deviation.
    var spread: Double
    /// The plain median of all history days, zeros included: a user's "median day" for
    /// the cohort of established users.
    var median: Double
    /// How many history days the baseline saw.
    var historyDays: Int
    var source: Source

    /// Four weeks: long enough for four samples of each weekday, short enough to follow a
    /// user whose use grows.
    static let windowDays = 28
    /// A user with fewer history days is new: too little to know what is usual.
    static let minimumHistory = 7
    /// Same-weekday samples needed before the weekly rhythm is trusted (3 of the last 4).
    static let minimumWeekdays = 3
    /// How much heavier a weekday's median must be than the level of all days before it is
    /// a rhythm rather than the noise of three or four samples (a weekly batch day is).
    static let rhythmFactor = 1.5
    /// Makes the median absolute deviation of normal data estimate its standard deviation.
    static let deviationScale = 1.4826

    /// The baseline from `history`: the units of the `windowDays` days before the judged
    /// day, oldest first, of which those from `firstIndex` on count (earlier ones are
    /// before the series began). Nil with fewer than `minimumHistory` days.
    /// - Parameter isoWeekday: the judged day's weekday (history days 7, 14, 21 and 28 days
    ///   before it share it).
    static func make(history: UnsafeBufferPointer<Int64>, firstIndex: Int, isoWeekday: Int) -> DailyBaseline? {
        let start = max(0, firstIndex)
        let days = history.count - start
        guard days >= minimumHistory else { return nil }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: days) { sorted in
            for index in 0..<days { sorted[index] = Double(history[start + index]) }
            Self.sort(sorted)
            let all = UnsafeBufferPointer(sorted)
            let median = Self.median(ofSorted: all)
            // The active days are the sorted values after the zeros.
            var inactive = 0
            while inactive < days, all[inactive] <= 0 { inactive += 1 }
            let active = UnsafeBufferPointer(rebasing: all[inactive...])
            let activeLevel = Self.median(ofSorted: active)
            let variation = activeLevel > 0
                ? deviationScale * Self.medianDeviation(ofSorted: active, from: activeLevel) / activeLevel : 0

            var level = activeLevel
            var source = active.count == days ? Source.allDays(days: days) : .activeDays(active: active.count, days: days)
            var weekdaySpread = 0.0
            withUnsafeTemporaryAllocation(of: Double.self, capacity: windowDays / 7) { weekdays in
                var count = 0
                var index = history.count - 7
                while index >= start, count < weekdays.count {
                    weekdays[count] = Double(history[index])
                    count += 1
                    index -= 7
                }
                guard count >= minimumWeekdays else { return }
                let sample = UnsafeMutableBufferPointer(rebasing: weekdays[0..<count])
                Self.sort(sample)
                let weekdayLevel = Self.median(ofSorted: UnsafeBufferPointer(sample))
                guard weekdayLevel >= rhythmFactor * level, weekdayLevel > 0 else { return }
                weekdaySpread = deviationScale * Self.medianDeviation(ofSorted: UnsafeBufferPointer(sample), from: weekdayLevel)
                level = weekdayLevel
                source = .weekday(count: count, isoWeekday: isoWeekday)
            }
            let spread = max(variation * level, weekdaySpread)
            return DailyBaseline(level: level, spread: spread, median: median, historyDays: days, source: source)
        }
    }

    /// Sorts a few values in place (insertion sort: history windows hold at most 28).
    static func sort(_ values: UnsafeMutableBufferPointer<Double>) {
        guard values.count > 1 else { return }
        for index in 1..<values.count {
            let value = values[index]
            var position = index
            while position > 0, values[position - 1] > value {
                values[position] = values[position - 1]
                position -= 1
            }
            values[position] = value
        }
    }

    /// The median of sorted `values`; 0 when empty.
    static func median(ofSorted values: UnsafeBufferPointer<Double>) -> Double {
        guard !values.isEmpty else { return 0 }
        let middle = values.count / 2
        return values.count % 2 == 1 ? values[middle] : values[middle - 1] / 2 + values[middle] / 2
    }

    /// The median of `|value − center|` over sorted `values`, without sorting the
    /// deviations: they grow outwards from `center` on both sides, so the two runs are
    /// merged until the middle rank.
    static func medianDeviation(ofSorted values: UnsafeBufferPointer<Double>, from center: Double) -> Double {
        let count = values.count
        guard count > 0 else { return 0 }
        var right = 0
        while right < count, values[right] < center { right += 1 }
        var left = right - 1
        let upper = count / 2
        let lower = count % 2 == 1 ? upper : upper - 1
        var lowerValue = 0.0
        for rank in 0...upper {
            let deviation: Double
            if left >= 0, right >= count || center - values[left] <= values[right] - center {
                deviation = center - values[left]
                left -= 1
            } else {
                deviation = values[right] - center
                right += 1
            }
            if rank == lower { lowerValue = deviation }
            if rank == upper { return lower == upper ? deviation : lowerValue / 2 + deviation / 2 }
        }
        return 0
    }
}
