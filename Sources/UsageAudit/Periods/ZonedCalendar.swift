import Foundation

/// Calendar arithmetic in one IANA time zone: which local day an instant falls on,
/// when a local day starts, and what instant a zone-less wall-clock time means.
///
/// Not thread-safe (it caches the day it answered last); make one per worker.
public final class ZonedCalendar {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The local day that contains the instant `epochSeconds`.
    public func localDay(containing epochSeconds: Int64) -> LocalDay {
        let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epochSeconds))))
        let local = epochSeconds + offset
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return LocalDay(number: Int32(day))
    }

    /// The first instant of `day` in this zone (local midnight, or the first instant
    /// after a DST gap that swallowed midnight), in seconds since the epoch.
    public func startOfDay(_ day: LocalDay) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let noonGuess = Int64(day.number) * 86_400 + 12 * 3600
        let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(noonGuess))))
        let noon = Date(timeIntervalSince1970: TimeInterval(noonGuess - offset))
        return Int64(calendar.startOfDay(for: noon).timeIntervalSince1970)
    }

    /// The instant a wall-clock time in this zone means. In the repeated hour of a DST
    /// fall-back the earlier instant is chosen; a time inside a spring-forward gap is
    /// read with the offset in force before the gap.
    public func epochSeconds(fromLocal time: CivilDateTime) -> Int64 {
        let asUTC = time.secondsSinceEpochAsUTC
        let firstGuess = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(asUTC))))
        let candidate = asUTC - firstGuess
        let secondGuess = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(candidate))))
        return asUTC - secondGuess
    }

    /// Seconds east of UTC in force at `epochSeconds`.
    public func utcOffset(at epochSeconds: Int64) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epochSeconds)))
    }

    /// `epochSeconds` as RFC 3339 in this zone with its offset, e.g. `2026-03-29T00:00:00+01:00`.
    public func rfc3339(_ epochSeconds: Int64) -> String {
        let offset = utcOffset(at: epochSeconds)
        let local = epochSeconds + Int64(offset)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = Int(local - days * 86_400)
        let date = CivilDate(daysSinceEpoch: Int(days))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        return "\(date)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
            + "\(sign)\(two(magnitude / 3600)):\(two(magnitude / 60 % 60))"
    }
}
