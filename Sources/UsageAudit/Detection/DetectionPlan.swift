/// What one detection run looks at, worked out once for all users: the judged days, the
/// limit buckets of each series, the days whose hours are known, and the days of counts
/// to keep.
struct DetectionPlan {
    /// A bucket of a period a limit may apply to.
    struct LimitBucket {
        var period: Period
        var bucket: DayRange
    }

    /// The part of a judged day that the hourly usage covers.
    struct HourSpan {
        /// Index into `judgedDays`.
        var judged: Int
        /// The first slot start and the number of whole slots covered.
        var firstSlot: Int64
        var slotCount: Int
        /// The length of the local day in hours (23 or 25 on DST days).
        var hoursInDay: Int
        /// The hours of the day up to the audit moment (an hour it is inside of counts;
        /// 12:00:00 ends the twelfth), at least 1 and at most `hoursInDay`: the logs of the
        /// as-of day end there.
        var hoursElapsed: Int
        /// The audit moment when it falls inside the day, else nil.
        var cutAt: Int64?
    }

    /// The days judged, sorted, as day numbers.
    let judgedDays: [Int]
    /// Runs of judged days at most `DailyBaseline.windowDays` apart, as index ranges:
    /// each is read from the table once, with the history of its first day.
    let clusters: [Range<Int>]
    /// Series names by slot: the scopes, then `all`.
    let slotNames: [String]
    /// For each slot, the buckets in the window of every period reported for it.
    let limitBuckets: [[LimitBucket]]
    /// The judged days that the hourly usage covers (in part or whole).
    let hourSpans: [HourSpan]
    /// The day numbers whose counts detection reads.
    let keptDays: ClosedRange<Int>

    /// - Parameter reframes: whether a profile frames some user's months or `Nd` windows
    ///   otherwise (`LimitResolver.reframes`): the counts are then kept from a month (a
    ///   window) before the window's first such bucket, where that user's may start.
    init(
        configuration: AuditConfiguration, window: ReportWindow, hourly: HourlyUsage, calendar: ZonedCalendar, asOf: Int64,
        reframes: Bool = false
    ) {
        let days = window.days.map { Int($0.number) }
        judgedDays = days
        var clusters: [Range<Int>] = []
        var start = 0
        for index in days.indices.dropFirst() where days[index] - days[index - 1] > DailyBaseline.windowDays {
            clusters.append(start..<index)
            start = index
        }
        if !days.isEmpty { clusters.append(start..<days.count) }
        self.clusters = clusters

        slotNames = configuration.scopeNames + [AuditConfiguration.allScope]
        var low = (days.first ?? 0) - DailyBaseline.windowDays
        var high = days.last ?? 0
        var buckets: [[LimitBucket]] = []
        for name in slotNames {
            var list: [LimitBucket] = []
            for period in configuration.periods(forScope: name) {
                var seen = Set<DayRange>()
                for day in window.days {
                    let bucket = period.bucket(containing: day)
                    guard window.contains(bucket), seen.insert(bucket).inserted else { continue }
                    list.append(LimitBucket(period: period, bucket: bucket))
                    low = min(low, Int(bucket.start.number) - (reframes ? Self.reframingMargin(of: period) : 0))
                    high = max(high, Int(bucket.end.number) - 1)
                }
            }
            buckets.append(list)
        }
        limitBuckets = buckets
        keptDays = low...max(low, high)
        hourSpans = Self.hourSpans(days: days, hourly: hourly, calendar: calendar, asOf: asOf)
    }

    /// The judged days that `hourly` covers up to `asOf`, each cut to whole slots inside (and
    /// the slot `asOf` is in, when no request came after it).
    private static func hourSpans(days: [Int], hourly: HourlyUsage, calendar: ZonedCalendar, asOf: Int64) -> [HourSpan] {
        guard let covered = hourly.coverage else { return [] }
        let end = min(covered.upperBound, asOf < .max ? asOf + 1 : .max)
        guard covered.lowerBound < end else { return [] }
        let coverage = covered.lowerBound..<end
        let slot = HourlyUsage.slotSeconds
        var spans: [HourSpan] = []
        for (index, number) in days.enumerated() {
            let dayStart = calendar.startOfDay(Self.localDay(number))
            let dayEnd = calendar.startOfDay(Self.localDay(number + 1))
            guard dayStart < coverage.upperBound, dayEnd > coverage.lowerBound, dayEnd > dayStart else { continue }
            // Whole slots inside both the day and the coverage.
            var first = hourly.slotStart(containing: max(dayStart, coverage.lowerBound))
            if first < max(dayStart, coverage.lowerBound) { first += slot }
            var last = hourly.slotStart(containing: min(dayEnd, coverage.upperBound))
            // The hour the audit moment is in, when no request can follow it there (the
            // moment is at or after the latest request, as by default): what it holds is all
            // the logs hold of it. Left out, a burst in the last hour of a night's logs would
            // never be judged, as the next night's window starts a day later.
            if asOf >= hourly.latest, asOf >= dayStart, asOf < dayEnd {
                last = max(last, min(hourly.slotStart(containing: asOf) + slot, dayEnd))
            }
            guard first < last else { continue }
            let hoursInDay = Int((dayEnd - dayStart + slot / 2) / slot)
            let cut = asOf < dayEnd - 1 ? asOf : nil
            let elapsed = cut.map { Int(($0 - dayStart + slot - 1) / slot) } ?? hoursInDay
            spans.append(HourSpan(
                judged: index, firstSlot: first, slotCount: Int((last - first) / slot),
                hoursInDay: hoursInDay, hoursElapsed: min(hoursInDay, max(1, elapsed)), cutAt: cut))
        }
        return spans
    }

    /// How many days before a bucket of `period` a user's own framing of it may start: a
    /// month for monthly periods, a window for `Nd`, none for calendar periods.
    static func reframingMargin(of period: Period) -> Int {
        if period.isMonthly { return 31 }
        if case .days(let count, _) = period { return max(1, count) }
        return 0
    }

    /// The local day with number `number`, clamped to what `LocalDay` holds.
    static func localDay(_ number: Int) -> LocalDay {
        LocalDay(number: Int32(clamping: number))
    }

    /// The index of day `number` in `judgedDays`, if it is judged.
    func judgedIndex(of number: Int) -> Int? {
        var low = 0
        var high = judgedDays.count
        while low < high {
            let middle = (low + high) / 2
            if judgedDays[middle] < number { low = middle + 1 } else { high = middle }
        }
        return low < judgedDays.count && judgedDays[low] == number ? low : nil
    }
}
