import Foundation

extension ZonedCalendar {
    /// What a wall-clock time means in this zone.
    enum Resolution: Equatable {
        /// The earliest instant with that wall-clock time, and the wall-clock times
        /// (`[lower, upper)`, read as UTC) that map with the same offset and no ambiguity.
        case instant(Int64, wallClocks: Range<Int64>)
        /// The time was skipped by a transition at `transition`; `offsetBefore` was in force
        /// before it.
        case gap(transition: Int64, offsetBefore: Int64)
    }

    /// Resolves `wall` (a wall-clock time read as UTC seconds) against the offset intervals
    /// around it: the earliest instant that shows it, or the gap that skipped it.
    func resolve(wallClock wall: Int64) -> Resolution {
        let guess = offsetInterval(containing: wall - offsetInterval(containing: wall).offset)
        var neighbours = [guess]
        if guess.start > -OffsetInterval.unbounded {
            neighbours.insert(offsetInterval(containing: guess.start - 1), at: 0)
        }
        if guess.end < OffsetInterval.unbounded {
            neighbours.append(offsetInterval(containing: guess.end))
        }
        for (index, candidate) in neighbours.enumerated() where candidate.containsWallClock(wall) {
            let previousOffset: Int64
            if index > 0 {
                previousOffset = neighbours[index - 1].offset
            } else if candidate.start > -OffsetInterval.unbounded {
                previousOffset = offsetInterval(containing: candidate.start - 1).offset
            } else {
                previousOffset = candidate.offset
            }
            // Wall-clock times from `lower` on have no earlier reading in the previous interval.
            let lower = candidate.start + max(candidate.offset, previousOffset)
            let upper = candidate.end + candidate.offset
            let safe = lower <= wall && wall < upper ? lower..<upper : wall..<wall
            return .instant(wall - candidate.offset, wallClocks: safe)
        }
        for (before, after) in zip(neighbours, neighbours.dropFirst())
        where before.end + before.offset <= wall && wall < after.start + after.offset {
            return .gap(transition: after.start, offsetBefore: before.offset)
        }
        // Unreachable with sane zone data; read the time with the guessed offset.
        return .instant(wall - guess.offset, wallClocks: wall..<wall)
    }

    /// The interval of constant UTC offset that contains `instant` (cached).
    func offsetInterval(containing instant: Int64) -> OffsetInterval {
        if interval.contains(instant) { return interval }
        let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
        let end = transition(after: instant) ?? OffsetInterval.unbounded
        let start = lastTransition(atOrBefore: instant) ?? -OffsetInterval.unbounded
        interval = OffsetInterval(start: start, end: max(end, instant + 1), offset: offset)
        return interval
    }

    /// The first transition strictly after `instant`, or nil when there is none.
    private func transition(after instant: Int64) -> Int64? {
        guard let date = timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: TimeInterval(instant) + 0.5))
        else { return nil }
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, abs(seconds) < Double(OffsetInterval.unbounded) else { return nil }
        return Int64(seconds)
    }

    /// The last transition at or before `instant`, searching back in growing windows.
    private func lastTransition(atOrBefore instant: Int64) -> Int64? {
        for window: Int64 in [86_400, 40 * 86_400, 400 * 86_400, 4_000 * 86_400, 40_000 * 86_400, 400_000 * 86_400] {
            guard var found = transition(after: instant - window - 1), found <= instant else { continue }
            while let next = transition(after: found), next <= instant { found = next }
            return found
        }
        return nil
    }
}
