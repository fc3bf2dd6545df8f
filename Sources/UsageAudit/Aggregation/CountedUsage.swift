/// Everything counting produces from a set of inputs: daily usage for every period and
/// hourly usage of the last two days. Mergeable like its parts.
///
/// Counting goes through `record(user:…)`, which keeps the counts of the current day and
/// of the current hour per user and scope in a dense array (`HotCell`, one per user ×
/// scope): logs are in time order, so nearly every request lands there, and the large
/// tables are touched once per user, scope and day or hour instead of once per request.
/// The pending counts move into `daily` and `hourly` when the day or hour changes, and
/// whenever those are read.
public struct CountedUsage: Sendable {
    private var dailyStorage: UsageAggregate
    private var hourlyStorage: HourlyUsage
    /// Scope indices below this use the dense cells; others go to the tables directly.
    private let scopeStride: Int
    private var cells: [HotCell] = []
    /// The day whose counts are pending in `cells[…].day`, and the cells that hold some.
    private var pendingDay = LocalDay(number: .min)
    private var dayTouched: [Int32] = []
    /// The hourly slot number whose counts are pending in `cells[…].hour`, the cells that
    /// hold some, and the latest request time among them.
    private var pendingSlot: Int64 = .min
    private var hourTouched: [Int32] = []
    private var pendingLatest: Int64 = .min
    /// `hourlyStorage`'s id of each of the daily users, or -1 before the user's first
    /// hourly count.
    private var hourlyIDs: [Int32] = []

    /// The counts of one user and scope pending for the current day and hour.
    private struct HotCell {
        var day = UsageCounts()
        var hour = UsageCounts()
    }

    /// - Parameter scopes: how many scope indices (`AuditConfiguration.scopeNames.count`)
    ///   get dense cells.
    public init(daily: UsageAggregate = UsageAggregate(), hourly: HourlyUsage = HourlyUsage(), scopes: Int = 8) {
        dailyStorage = daily
        hourlyStorage = hourly
        scopeStride = max(1, min(scopes, 64))
    }

    /// Usage per user, scope and local day (pending counts included).
    public var daily: UsageAggregate {
        get {
            guard !dayTouched.isEmpty else { return dailyStorage }
            var copy = self
            copy.flushDay()
            return copy.dailyStorage
        }
        set {
            flush()
            dailyStorage = newValue
            hourlyIDs = []
            cells = []
        }
    }

    /// Usage per user, scope and hour for the kept span (pending counts included).
    public var hourly: HourlyUsage {
        get {
            guard !hourTouched.isEmpty else { return hourlyStorage }
            var copy = self
            copy.flushHour()
            return copy.hourlyStorage
        }
        set {
            flush()
            hourlyStorage = newValue
            hourlyIDs = []
        }
    }

    /// Records one request of the user whose label is `user` (hot path).
    @inline(__always)
    public mutating func record(
        user: UnsafeBufferPointer<UInt8>, scope: Int, day: LocalDay, time: Int64,
        units: Int64, consumed: Bool, rejected: Bool
    ) {
        record(userID: userID(of: user), scope: scope, day: day, time: time, units: units, consumed: consumed, rejected: rejected)
    }

    /// The id of the user whose label is `user`, interned when new: what `record(userID:…)`
    /// takes, so that a batch of requests can be attributed first and recorded after.
    @inline(__always)
    public mutating func userID(of user: UnsafeBufferPointer<UInt8>) -> Int32 {
        dailyStorage.intern(user: user)
    }

    /// Records one request of the user with id `id` (from `userID(of:)`).
    @inline(__always)
    public mutating func record(
        userID id: Int32, scope: Int, day: LocalDay, time: Int64, units: Int64, consumed: Bool, rejected: Bool
    ) {
        // Dense cells for at most 2¹⁹ user × scope pairs (40 MB): beyond, the tables directly.
        let position = Int(id) &* scopeStride &+ scope
        guard scope >= 0 && scope < scopeStride && id >= 0 && position < 1 << 19 else {
            dailyStorage.record(userID: id, scope: scope, day: day, time: time, units: units, consumed: consumed, rejected: rejected)
            if hourlyStorage.accepts(time) {
                hourlyStorage.record(userID: hourlyID(of: id), scope: scope, time: time, units: units, consumed: consumed, rejected: rejected)
            }
            return
        }
        if position >= cells.count {
            cells.append(contentsOf: repeatElement(HotCell(), count: max(position + 1 - cells.count, 1024 * scopeStride)))
        }
        if day == pendingDay {
            if cells[position].day.firstSeen == .max { dayTouched.append(Int32(truncatingIfNeeded: position)) }
            cells[position].day.record(time: time, units: units, consumed: consumed, rejected: rejected)
        } else if day > pendingDay {
            flushDay()
            pendingDay = day
            dayTouched.append(Int32(truncatingIfNeeded: position))
            cells[position].day.record(time: time, units: units, consumed: consumed, rejected: rejected)
        } else {
            dailyStorage.record(userID: id, scope: scope, day: day, time: time, units: units, consumed: consumed, rejected: rejected)
        }
        guard hourlyStorage.accepts(time) else { return }
        let slot = hourlyStorage.slotNumber(containing: time)
        if slot > pendingSlot {
            flushHour()
            pendingSlot = slot
        }
        if slot == pendingSlot {
            if cells[position].hour.firstSeen == .max { hourTouched.append(Int32(truncatingIfNeeded: position)) }
            cells[position].hour.record(time: time, units: units, consumed: consumed, rejected: rejected)
            pendingLatest = max(pendingLatest, time)
        } else {
            hourlyStorage.record(userID: hourlyID(of: id), scope: scope, time: time, units: units, consumed: consumed, rejected: rejected)
        }
    }

    /// Moves every pending count into the tables (the end of an input).
    public mutating func flush() {
        flushDay()
        flushHour()
    }

    /// Moves pending counts into the tables and drops hourly slots before the kept span:
    /// the end of counting.
    public mutating func finish() {
        flush()
        cells = []
        dailyStorage.compact()
        hourlyStorage.compact()
        hourlyIDs = []
    }

    /// Adds `other` into this usage.
    public mutating func merge(_ other: CountedUsage) {
        flush()
        dailyStorage.merge(other.daily)
        hourlyStorage.merge(other.hourly)
        hourlyIDs = []
        cells = []
    }

    private mutating func flushDay() {
        guard !dayTouched.isEmpty else { return }
        let stride = scopeStride
        for position in dayTouched {
            let index = Int(position)
            dailyStorage.add(cells[index].day, userID: Int32(index / stride), scope: index % stride, day: pendingDay)
            cells[index].day = UsageCounts()
        }
        dayTouched.removeAll(keepingCapacity: true)
    }

    private mutating func flushHour() {
        guard !hourTouched.isEmpty else { return }
        let stride = scopeStride
        for position in hourTouched {
            let index = Int(position)
            hourlyStorage.add(cells[index].hour, userID: hourlyID(of: Int32(index / stride)), scope: index % stride, slot: pendingSlot)
            cells[index].hour = UsageCounts()
        }
        hourTouched.removeAll(keepingCapacity: true)
        hourlyStorage.noteLatest(HourlyUsage.clamp(pendingLatest))
        pendingLatest = .min
    }

    /// The hourly table's id of daily user `id`, interning the user's name there when new.
    private mutating func hourlyID(of id: Int32) -> Int32 {
        let index = Int(id)
        if index >= hourlyIDs.count {
            hourlyIDs.append(contentsOf: repeatElement(-1, count: max(index + 1 - hourlyIDs.count, 1024)))
        }
        if hourlyIDs[index] < 0 {
            hourlyIDs[index] = dailyStorage.users.withBytes(of: id) { hourlyStorage.intern(user: $0) }
        }
        return hourlyIDs[index]
    }
}
