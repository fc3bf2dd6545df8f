/// The daily cells of one user and scope packed into one value per block of 32 days, as the
/// SQLite store keeps them (schema 4): half a year of history is a few rows per user and
/// scope instead of one per day, so that reading it back steps SQLite a twentieth as often.
///
/// A block starts on a day number divisible by `blockDays` (days since 1970-01-01, so a
/// block is the same whatever the zone). Each cell, in order of its day, is six integers
/// (`PackedInteger`): its day minus the block's start, requests, units, rejected, the first
/// request time minus the day's number × 86,400, and the last request time minus the first.
/// A day of use takes about a dozen bytes.
public enum DayPacking {
    /// The days of one block.
    public static let blockDays: Int32 = 32

    /// The first day of the block that holds `day`.
    public static func blockStart(of day: LocalDay) -> LocalDay {
        // Rounds down for days before 1970 too (an arithmetic shift is a floor division).
        LocalDay(number: day.number & ~(blockDays - 1))
    }

    /// Appends `cells` (of one user, scope and block, in order of their day, each day once) to `bytes`.
    public static func pack(_ cells: some Sequence<(day: LocalDay, counts: UsageCounts)>, into bytes: inout [UInt8]) {
        for (day, counts) in cells {
            PackedInteger.append(Int64(day.number - blockStart(of: day).number), to: &bytes)
            PackedInteger.append(counts.requests, to: &bytes)
            PackedInteger.append(counts.units, to: &bytes)
            PackedInteger.append(counts.rejected, to: &bytes)
            PackedInteger.append(counts.firstSeen &- Int64(day.number) &* 86_400, to: &bytes)
            PackedInteger.append(counts.lastSeen &- counts.firstSeen, to: &bytes)
        }
    }

    /// Calls `body` with each cell's day and counts in `bytes`, the cells of the block that
    /// starts on `block`.
    /// - Returns: false when `bytes` end inside a cell, hold an over-long integer, or a day
    ///   that is not after the one before it inside the block (a damaged store); `body` has
    ///   then seen the cells before the damage.
    public static func unpack(
        _ bytes: UnsafeRawBufferPointer, block: LocalDay, _ body: (LocalDay, UsageCounts) throws -> Void
    ) rethrows -> Bool {
        var offset = 0
        var previous: Int64 = -1
        while offset < bytes.count {
            guard let dayOffset = PackedInteger.read(bytes, at: &offset), dayOffset > previous, dayOffset < Int64(blockDays),
                  let requests = PackedInteger.read(bytes, at: &offset), let units = PackedInteger.read(bytes, at: &offset),
                  let rejected = PackedInteger.read(bytes, at: &offset), let first = PackedInteger.read(bytes, at: &offset),
                  let span = PackedInteger.read(bytes, at: &offset)
            else { return false }
            previous = dayOffset
            let day = LocalDay(number: block.number &+ Int32(dayOffset))
            let firstSeen = first &+ Int64(day.number) &* 86_400
            try body(day, UsageCounts(
                requests: requests, units: units, rejected: rejected, firstSeen: firstSeen, lastSeen: firstSeen &+ span))
        }
        return true
    }
}
