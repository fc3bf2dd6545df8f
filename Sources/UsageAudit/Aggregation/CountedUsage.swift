/// Everything counting produces from a set of inputs: daily usage for every period and
/// hourly usage of the last two days. Mergeable like its parts.
///
/// Counting goes through `record(user:…)` (or `userID(of:)`, then `record(_:)` for a run of
/// requests, as `InputCounter` does), which keeps the counts of the current day and
/// of the current hour per user and scope pending: logs are in time order, so nearly every
/// request lands there, and the large tables are touched once per user, scope and day or
/// hour instead of once per request. A dense array (`PendingPlace`, one per user × scope)
/// says where a pair's pending counts are; the counts themselves sit in two short arrays
/// in the order the pairs were first seen that day or hour, so that the busy pairs' counts
/// stay together in the cache and moving them out reads them in order. The pending counts
/// move into `daily` and `hourly` when the day or hour changes, and whenever those are read.
public struct CountedUsage: Sendable {
    private var dailyStorage: UsageAggregate
    private var hourlyStorage: HourlyUsage
    /// Scope indices below this have pending counts; others go to the tables directly.
    private let scopeStride: Int
    private var places: [PendingPlace] = []
    /// The day whose counts are pending: per pair seen that day, its position in `places`
    /// and its counts, in the order first seen.
    private var pendingDay = LocalDay(number: .min)
    private var dayTouched: [Int32] = []
    private var dayCounts: [UsageCounts] = []
    /// The hourly slot number whose counts are pending, the same for the hour, and the
    /// latest request time among them.
    private var pendingSlot: Int64 = .min
    private var hourTouched: [Int32] = []
    private var hourCounts: [UsageCounts] = []
    /// Scratch for moving an hour out: the hourly table's user and the scope of each pair.
    private var hourPairs: [(user: Int32, scope: Int32)] = []
    private var pendingLatest: Int64 = .min
    /// `hourlyStorage`'s id of each of the daily users, or -1 before the user's first
    /// hourly count.
    private var hourlyIDs: [Int32] = []

    /// Where the counts of one user and scope pending for the current day and hour are in
    /// `dayCounts` and `hourCounts` (-1: none pending).
    private struct PendingPlace {
        var day: Int32 = -1
        var hour: Int32 = -1
    }

    /// - Parameter scopes: how many scope indices (`AuditConfiguration.scopeNames.count`)
    ///   get pending counts.
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
            places = []
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
        // Pending counts for at most 2¹⁹ user × scope pairs (4 MB of places): beyond, the
        // tables directly.
        let position = Int(id) &* scopeStride &+ scope
        guard scope >= 0 && scope < scopeStride && id >= 0 && position < 1 << 19 else {
            dailyStorage.record(userID: id, scope: scope, day: day, time: time, units: units, consumed: consumed, rejected: rejected)
            if hourlyStorage.accepts(time) {
                hourlyStorage.record(userID: hourlyID(of: id), scope: scope, time: time, units: units, consumed: consumed, rejected: rejected)
            }
            return
        }
        if position >= places.count {
            places.append(contentsOf: repeatElement(PendingPlace(), count: max(position + 1 - places.count, 1024 * scopeStride)))
        }
        if day > pendingDay {
            flushDay()
            pendingDay = day
        }
        if day == pendingDay {
            Self.recordPending(
                at: &places[position].day, position: position, touched: &dayTouched, counts: &dayCounts,
                time: time, units: units, consumed: consumed, rejected: rejected)
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
            Self.recordPending(
                at: &places[position].hour, position: position, touched: &hourTouched, counts: &hourCounts,
                time: time, units: units, consumed: consumed, rejected: rejected)
            pendingLatest = max(pendingLatest, time)
        } else {
            hourlyStorage.record(userID: hourlyID(of: id), scope: scope, time: time, units: units, consumed: consumed, rejected: rejected)
        }
    }

    /// Asks the CPU to fetch the pending place of `id` and `scope`, for a `record` a few
    /// requests later (a hint only).
    @inline(__always)
    func prefetchPlace(userID id: Int32, scope: Int) {
        places.prefetch(at: Int(id) &* scopeStride &+ scope)
    }

    /// Asks the CPU to fetch the pending counts of `id` and `scope` for the current day and
    /// hour, once its place is at hand (`prefetchPlace` some requests earlier).
    @inline(__always)
    func prefetchCounts(userID id: Int32, scope: Int) {
        let position = Int(id) &* scopeStride &+ scope
        guard position >= 0 && position < places.count else { return }
        let place = places[position]
        dayCounts.prefetchForWriting(at: Int(place.day))
        hourCounts.prefetchForWriting(at: Int(place.hour))
    }

    /// Records a request in the pending counts at `place`, giving the pair (at `position`)
    /// a place first when it has none yet.
    @inline(__always)
    private static func recordPending(
        at place: inout Int32, position: Int, touched: inout [Int32], counts: inout [UsageCounts],
        time: Int64, units: Int64, consumed: Bool, rejected: Bool
    ) {
        if place < 0 {
            place = Int32(truncatingIfNeeded: counts.count)
            touched.append(Int32(truncatingIfNeeded: position))
            counts.append(UsageCounts())
        }
        counts[Int(place)].record(time: time, units: units, consumed: consumed, rejected: rejected)
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
        places = []
        hourlyIDs = []
        // The two tables are independent: each is finished on a core of its own (the other
        // core is idle between counting and the analyses). Swapped out, each is held once,
        // so that it changes in place. Arranged before it is compacted: arranging copies
        // the daily table into arrays of its exact size, which compacting then keeps.
        var daily = UsageAggregate()
        var hourly = HourlyUsage()
        swap(&daily, &dailyStorage)
        swap(&hourly, &hourlyStorage)
        _ = Concurrently.run({
            daily.arrangeByUser()
            daily.compact()
        }, {
            hourly.compact()
        })
        swap(&daily, &dailyStorage)
        swap(&hourly, &hourlyStorage)
    }

    /// Adds `other` into this usage.
    public mutating func merge(_ other: CountedUsage) {
        flush()
        dailyStorage.merge(other.daily)
        hourlyStorage.merge(other.hourly)
        hourlyIDs = []
        places = []
    }

    private mutating func flushDay() {
        guard !dayTouched.isEmpty else { return }
        let stride = scopeStride
        for (place, position) in dayTouched.enumerated() {
            let index = Int(position)
            dailyStorage.add(dayCounts[place], userID: Int32(index / stride), scope: index % stride, day: pendingDay)
            places[index].day = -1
        }
        dayTouched.removeAll(keepingCapacity: true)
        dayCounts.removeAll(keepingCapacity: true)
    }

    private mutating func flushHour() {
        guard !hourTouched.isEmpty else { return }
        let stride = scopeStride
        hourPairs.removeAll(keepingCapacity: true)
        for position in hourTouched {
            let index = Int(position)
            hourPairs.append((hourlyID(of: Int32(index / stride)), Int32(index % stride)))
            places[index].hour = -1
        }
        hourlyStorage.add(hour: pendingSlot, pairs: hourPairs, counts: hourCounts)
        hourTouched.removeAll(keepingCapacity: true)
        hourCounts.removeAll(keepingCapacity: true)
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
