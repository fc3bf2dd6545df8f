/// The buckets a run reports on (DESIGN §6): every bucket that contains the audit moment,
/// plus every bucket that the run's input touched.
public struct ReportWindow: Sendable {
    /// The local day of the audit moment.
    public let asOfDay: LocalDay
    /// Every local day with usage in the run's input, sorted.
    private let touchedDays: [LocalDay]

    public init(asOfDay: LocalDay, touchedDays: some Sequence<LocalDay>) {
        self.asOfDay = asOfDay
        self.touchedDays = Array(Set(touchedDays)).sorted()
    }

    /// The window of `aggregate`'s days and the day containing `asOf`.
    public init(aggregate: UsageAggregate, asOf: Int64, calendar: ZonedCalendar) {
        self.init(asOfDay: calendar.localDay(containing: asOf), touchedDays: aggregate.cellKeys.lazy.map(\.day))
    }

    /// The days the run reports on as days: every touched day and the day of the audit
    /// moment, sorted (the days anomaly detection judges).
    public var days: [LocalDay] {
        touchedDays.contains(asOfDay) ? touchedDays : (touchedDays + [asOfDay]).sorted()
    }

    /// Whether the bucket `range` is in the window.
    public func contains(_ range: DayRange) -> Bool {
        if range.contains(asOfDay) { return true }
        // The first touched day not before the range's start must fall inside it.
        let low = touchedDays.partitioningIndex { $0 >= range.start }
        return low < touchedDays.count && touchedDays[low] < range.end
    }

    /// The first day of the window: no bucket in it ends before this day.
    public var firstDay: LocalDay {
        min(asOfDay, touchedDays.first ?? asOfDay)
    }
}
