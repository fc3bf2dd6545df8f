import Foundation

/// Calendar arithmetic in one IANA time zone: which local day an instant falls on,
/// when a local day starts, and what instant a zone-less wall-clock time means.
///
/// Answers come from Foundation's zone data, looked up once per offset interval (the time
/// between two transitions) and cached, so the per-line calls cost a few comparisons:
/// `localDay(containing:)` keeps the current day's instants, `epochSeconds(fromLocal:)`
/// the wall-clock span that maps with one offset, `startOfDay(_:)` every day it answered.
///
/// Not thread-safe (it caches); make one per worker. Creating one is cheap.
public final class ZonedCalendar {
    public let timeZone: TimeZone

    /// The offset interval answered last.
    var interval = OffsetInterval(start: 1, end: 0, offset: 0)
    /// `localDay(containing:)`'s last answer, valid for instants in `[dayStart, dayEnd)`.
    private var day = LocalDay(number: 0)
    private var dayStart: Int64 = 1
    private var dayEnd: Int64 = 0
    /// `epochSeconds(fromLocal:)`'s last offset, valid for wall-clock times in `[wallStart, wallEnd)`.
    private var wallOffset: Int64 = 0
    private var wallStart: Int64 = 1
    private var wallEnd: Int64 = 0
    /// `startOfDay(_:)` answers by day number.
    private var dayStarts: [Int32: Int64] = [:]

    /// The instants this calendar handles; others are clamped into it so that no answer
    /// traps (the bounds are about 5.8 million years away).
    static let supportedInstants: ClosedRange<Int64> = -185_000_000_000_000...185_000_000_000_000

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The local day that contains the instant `epochSeconds`.
    public func localDay(containing epochSeconds: Int64) -> LocalDay {
        if dayStart <= epochSeconds && epochSeconds < dayEnd { return day }
        let instant = ZonedCalendar.clamp(epochSeconds)
        let current = offsetInterval(containing: instant)
        let number = ZonedCalendar.floorDivide(instant + current.offset, by: 86_400)
        let midnight = number * 86_400 - current.offset
        day = LocalDay(number: Int32(number))
        // The day under this offset, cut where the offset changes.
        dayStart = max(midnight, current.start)
        dayEnd = min(midnight + 86_400, current.end)
        if epochSeconds != instant { (dayStart, dayEnd) = (1, 0) }
        return day
    }

    /// The first instant of `day` in this zone (local midnight, or the first instant
    /// after a DST gap that swallowed midnight), in seconds since the epoch.
    ///
    /// Defined as the first instant whose local day is `day` or later, so consecutive days
    /// tile time; a day that a zone skipped altogether (Pacific/Apia, 2011-12-30) starts
    /// where the next one does.
    public func startOfDay(_ day: LocalDay) -> Int64 {
        if let known = dayStarts[day.number] { return known }
        let midnight = Int64(day.number) * 86_400
        let start: Int64
        switch resolve(wallClock: midnight) {
        case .instant(let instant, _): start = instant
        case .gap(let transition, _): start = transition
        }
        if dayStarts.count >= 100_000 { dayStarts.removeAll(keepingCapacity: true) }
        dayStarts[day.number] = start
        return start
    }

    /// The instant a wall-clock time in this zone means. In the repeated hour of a DST
    /// fall-back the earlier instant is chosen; a time inside a spring-forward gap is
    /// read with the offset in force before the gap.
    public func epochSeconds(fromLocal time: CivilDateTime) -> Int64 {
        let wall = time.secondsSinceEpochAsUTC
        if wallStart <= wall && wall < wallEnd { return wall - wallOffset }
        let clamped = ZonedCalendar.clamp(wall)
        switch resolve(wallClock: clamped) {
        case .instant(let instant, let range):
            if wall == clamped {
                (wallStart, wallEnd) = (range.lowerBound, range.upperBound)
                wallOffset = wall - instant
            }
            return instant
        case .gap(_, let offsetBefore):
            return clamped - offsetBefore
        }
    }

    /// Seconds east of UTC in force at `epochSeconds`.
    public func utcOffset(at epochSeconds: Int64) -> Int {
        Int(offsetInterval(containing: ZonedCalendar.clamp(epochSeconds)).offset)
    }

    /// `epochSeconds` as RFC 3339 in this zone with its offset, e.g. `2026-03-29T00:00:00+01:00`.
    ///
    /// RFC 3339 offsets have no seconds: for the local mean times of the 19th century
    /// (`+00:53:28`) the offset is shown truncated to the minute.
    public func rfc3339(_ epochSeconds: Int64) -> String {
        let instant = ZonedCalendar.clamp(epochSeconds)
        let offset = utcOffset(at: instant)
        let local = instant + Int64(offset)
        let days = ZonedCalendar.floorDivide(local, by: 86_400)
        let secondOfDay = Int(local - days * 86_400)
        let date = CivilDate(daysSinceEpoch: Int(days))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        return "\(date)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
            + "\(sign)\(two(magnitude / 3600)):\(two(magnitude / 60 % 60))"
    }

    @inline(__always)
    static func clamp(_ instant: Int64) -> Int64 {
        min(max(instant, supportedInstants.lowerBound), supportedInstants.upperBound)
    }

    @inline(__always)
    static func floorDivide(_ value: Int64, by divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
