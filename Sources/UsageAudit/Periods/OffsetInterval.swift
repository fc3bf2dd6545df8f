/// A span of instants `[start, end)` during which a time zone keeps one UTC offset.
///
/// Bounds are seconds since the epoch; a zone with no transition before or after uses
/// `±OffsetInterval.unbounded`, far enough out that adding an offset cannot overflow.
struct OffsetInterval: Hashable, Sendable {
    var start: Int64
    var end: Int64
    /// Seconds east of UTC.
    var offset: Int64

    /// Stands for "no transition this far out" (about 36 million years).
    static let unbounded: Int64 = 1 << 50

    @inline(__always)
    func contains(_ instant: Int64) -> Bool {
        start <= instant && instant < end
    }

    /// Whether the wall-clock time `wall` (read as UTC) names an instant of this interval.
    @inline(__always)
    func containsWallClock(_ wall: Int64) -> Bool {
        contains(wall - offset)
    }
}
