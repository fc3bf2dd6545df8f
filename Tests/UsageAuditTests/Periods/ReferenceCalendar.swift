import Foundation
@testable import UsageAudit

/// A slow, cache-free oracle for `ZonedCalendar`, asking Foundation for the offset of every
/// instant it looks at.
struct ReferenceCalendar {
    let zone: TimeZone

    init(_ identifier: String) {
        zone = TimeZone(identifier: identifier)!
    }

    func offset(at instant: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }

    func localDay(containing instant: Int64) -> Int32 {
        let local = instant + offset(at: instant)
        return Int32(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }

    /// The earliest instant showing `wall`; in a gap, `wall` read with the offset before it.
    func epochSeconds(fromWallClock wall: Int64) -> Int64 {
        let offsets = Set(stride(from: wall - 16 * 3600, through: wall + 16 * 3600, by: 900).map { offset(at: $0) })
        let readings = offsets.filter { offset(at: wall - $0) == $0 }.map { wall - $0 }
        if let earliest = readings.min() { return earliest }
        return wall - offsets.min()!
    }

    /// The first instant whose local day is `day` or later (binary search).
    func startOfDay(_ day: Int32) -> Int64 {
        var low = Int64(day) * 86_400 - 30 * 3600
        var high = Int64(day) * 86_400 + 54 * 3600
        while low < high {
            let middle = low + (high - low) / 2
            if localDay(containing: middle) >= day { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
