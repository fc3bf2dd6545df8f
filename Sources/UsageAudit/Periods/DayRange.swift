/// A half-open range of local days `[start, end)`: one bucket of a period.
public struct DayRange: Hashable, Sendable, Codable {
    /// The first day of the range.
    public var start: LocalDay
    /// The first day after the range.
    public var end: LocalDay

    public init(start: LocalDay, end: LocalDay) {
        self.start = start
        self.end = end
    }

    /// Whether `day` falls in the range.
    @inline(__always)
    public func contains(_ day: LocalDay) -> Bool {
        start <= day && day < end
    }

    /// The number of days in the range (0 when `end` is not after `start`).
    public var dayCount: Int {
        max(0, Int(end.number) - Int(start.number))
    }
}

extension DayRange: CustomStringConvertible {
    /// `[2026-01-25, 2026-02-01)`.
    public var description: String { "[\(start), \(end))" }
}
