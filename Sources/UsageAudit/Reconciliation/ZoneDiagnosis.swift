import Foundation

/// Whether drifting counters show a store that counts its buckets in another time zone.
///
/// One counter that fits a shifted boundary proves little: with steady use (a request an
/// hour), any few increments lost fit a boundary that many hours off. A store in the wrong
/// zone shifts every counter of the period, so a zone is named as the cause only when at
/// least `minimumAgreeing` counters of a period, and at least half of that period's
/// drifting counters, fit the same shift. A counter that fits a shift the others do not
/// keeps its own cause, with the shift mentioned as a possibility.
struct ZoneDiagnosis {
    /// One boundary shift that fits a counter.
    struct Shift: Equatable {
        /// Hours the bucket's start moves (positive: the store's day starts later).
        var hours: Int64
        /// When the store's bucket would start.
        var from: Int64
        /// The UTC offset of a zone whose buckets start there, in seconds.
        var storeOffset: Int64
    }

    /// The shifts that fit one drifting counter.
    struct Match {
        /// The period's name, for grouping (`day`).
        var period: String
        /// The bucket's noun in words (`day`, `week`).
        var noun: String
        /// The detail's first part: what the store and the logs say.
        var base: String
        var shifts: [Shift]
    }

    static let minimumAgreeing = 2

    private var matches: [(finding: Int, match: Match)] = []
    /// Drifting counters per period name, whether a shift fits them or not.
    private var drifting: [String: Int] = [:]

    /// Notes the `drift` finding at `index` (of a period named `period`) and the shifts
    /// that fit it, if any.
    mutating func note(driftAt index: Int, period: String, match: Match?) {
        drifting[period, default: 0] += 1
        if let match { matches.append((index, match)) }
    }

    /// Rewrites the details of the noted findings: the zone as the cause where counters
    /// agree on it, as a possibility where one counter alone fits it.
    func apply(to findings: inout [ReconciliationFinding], calendar: ZonedCalendar) {
        guard !matches.isEmpty else { return }
        var votes: [String: [Int64: Int]] = [:]
        for (_, match) in matches {
            for shift in match.shifts { votes[match.period, default: [:]][shift.hours, default: 0] += 1 }
        }
        for (index, match) in matches {
            let total = drifting[match.period] ?? 0
            let agreed = (votes[match.period] ?? [:])
                .filter { hours, count in count >= Self.minimumAgreeing && 2 * count >= total && match.shifts.contains { $0.hours == hours } }
                .max { ($0.value, -abs($0.key)) < ($1.value, -abs($1.key)) }
            if let agreed, let shift = match.shifts.first(where: { $0.hours == agreed.key }) {
                findings[index].detail = match.base + ", but matches when the \(match.noun) starts at "
                    + "\(FindingText.moment(shift.from, calendar: calendar)): the store counts \(match.noun)s in "
                    + "\(FindingText.zone(offset: shift.storeOffset)), not \(FindingText.zoneName(calendar.timeZone)) — a time-zone bug "
                    + "(boundary \(Self.signed(shift.hours)) h; \(agreed.value) of \(total) drifting \(match.noun) counters match it), "
                    + "not lost increments"
            } else {
                // The shift naming UTC first (the usual wrong zone), else the smallest.
                let shift = match.shifts.first { $0.storeOffset == 0 }
                    ?? match.shifts.min { (abs($0.hours), $0.hours) < (abs($1.hours), $1.hours) }
                guard let shift else { continue }
                findings[index].detail += "; a \(match.noun) starting at \(FindingText.moment(shift.from, calendar: calendar)) "
                    + "(the store counting in \(FindingText.zone(offset: shift.storeOffset)), boundary \(Self.signed(shift.hours)) h) "
                    + "would fit too, but no other counter shows that shift"
            }
        }
    }

    private static func signed(_ hours: Int64) -> String {
        hours > 0 ? "+\(hours)" : "\(hours)"
    }
}
