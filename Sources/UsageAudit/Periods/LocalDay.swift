/// A calendar date in the audit's time zone, stored as the number of days since 1970-01-01.
///
/// Every bucket of every period starts and ends at a local midnight, so buckets are
/// ranges of `LocalDay`s and usage can be aggregated per day and rolled up later.
public struct LocalDay: Hashable, Comparable, Sendable, Codable, BitwiseCopyable {
    /// Days since 1970-01-01 (negative before it).
    public var number: Int32

    public init(number: Int32) {
        self.number = number
    }

    public init(_ date: CivilDate) {
        self.number = Int32(date.daysSinceEpoch)
    }

    /// The civil (proleptic Gregorian) date of this day.
    public var date: CivilDate { CivilDate(daysSinceEpoch: Int(number)) }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (ISO 4).
        let offset = (Int(number) + 3) % 7
        return (offset < 0 ? offset + 7 : offset) + 1
    }

    public func adding(days: Int) -> LocalDay {
        LocalDay(number: number + Int32(days))
    }

    public static func < (lhs: LocalDay, rhs: LocalDay) -> Bool {
        lhs.number < rhs.number
    }
}

extension LocalDay: CustomStringConvertible {
    public var description: String { date.description }
}
