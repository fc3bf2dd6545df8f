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
            let tally = votes[match.period] ?? [:]
            // This counter's shifts, best first: the most counters agreeing, then naming UTC
            // (the usual wrong zone), then the smallest, then the later start.
            let ranked = match.shifts.sorted { a, b in
                let (left, right) = (tally[a.hours] ?? 0, tally[b.hours] ?? 0)
                if left != right { return left > right }
                if (a.storeOffset == 0) != (b.storeOffset == 0) { return a.storeOffset == 0 }
                if abs(a.hours) != abs(b.hours) { return abs(a.hours) < abs(b.hours) }
                return a.hours > b.hours
            }
            guard let shift = ranked.first else { continue }
            let agreeing = tally[shift.hours] ?? 0
            let starts = "\(FindingText.moment(shift.from, calendar: calendar))"
            if agreeing >= Self.minimumAgreeing, 2 * agreeing >= total {
                findings[index].detail = match.base + ", but matches when the \(match.noun) starts at \(starts): the store counts "
                    + "\(match.noun)s in \(FindingText.zone(offset: shift.storeOffset)), not \(FindingText.zoneName(calendar.timeZone)) — "
                    + "a time-zone bug (boundary \(Self.signed(shift.hours)) h; \(agreeing) of \(total) drifting \(match.noun) counters "
                    + "match it), not lost increments"
            } else {
                let others = agreeing >= Self.minimumAgreeing
                    ? ", as it does for \(agreeing) of \(total) drifting \(match.noun) counters: too few to name the zone"
                    : ", but no other counter shows that shift"
                findings[index].detail += "; a \(match.noun) starting at \(starts) (the store counting in "
                    + "\(FindingText.zone(offset: shift.storeOffset)), boundary \(Self.signed(shift.hours)) h) would fit too\(others)"
            }
        }
    }

    private static func signed(_ hours: Int64) -> String {
        hours > 0 ? "+\(hours)" : "\(hours)"
    }
}
