/// Usage per (user, scope, hour) for the last hours of the input: the finer-than-daily
/// data that lets the reconciler cut the snapshot day at the snapshot moment and try
/// bucket boundaries shifted by whole hours (a store counting days in another zone).
///
/// Bounded: only requests from `keptSeconds` (default 48 hours) before the anchor on are
/// kept — the latest request time seen, or `through` (the audit moment, when known before
/// counting) when that is earlier — so memory grows with the users active in the last two
/// days (and, with an audit moment before the end of the input, in the hours after it),
/// never with the length of the input. Requests after `through` are kept too: the
/// state store keeps these slots for later runs, which must find every request of their
/// hours (a slot cut at the audit moment would look complete to them), and the daily
/// counts hold those requests as well. Callers that stop at the audit moment cut there
/// themselves.
///
/// Mergeable like `UsageAggregate`: merging the hourly usage of any split of the input
/// gives, within `coverage`, exactly the hourly usage of the whole (a request within
/// `keptSeconds` of the overall anchor is within it of its own part's anchor too, which
/// is never later).
///
/// Hours are slots of 3600 seconds starting at `phase` seconds past a UTC hour, so that
/// local midnights of a zone with a half-hour offset fall on slot boundaries (see
/// `phase(for:at:)`). Build it from the same input as the aggregate it accompanies.
public struct HourlyUsage: Sendable {
    struct Key: CountTableKey {
        var user: Int32
        var scope: Int32
        /// `⌊(time − phase) / 3600⌋`.
        var slot: Int64

        @inline(__always)
        var tableHash: UInt64 {
            let packed = UInt64(UInt32(bitPattern: user)) << 32 | UInt64(UInt32(bitPattern: scope))
            return Self.mix(packed ^ (UInt64(bitPattern: slot) &* 0x9E37_79B9_7F4A_7C15))
        }
    }

    public static let slotSeconds: Int64 = 3600
    /// Times are clamped to ±2⁶⁰ seconds so that no slot arithmetic overflows.
    static let timeBound: Int64 = 1 << 60

    /// How far back from the latest request the counts are kept.
    public let keptSeconds: Int64
    /// Seconds past the UTC hour at which slots start (0…3599).
    public let phase: Int64
    /// The audit moment, when known before counting: the kept span reaches back from it
    /// rather than from a later request. Nil: from the latest request.
    public let through: Int64?
    /// The latest request time recorded (`Int64.min` before the first).
    public private(set) var latest: Int64 = .min
    /// Where the hours are known to begin when some came from a state store: its kept
    /// slots start there, and the use before them is not all here (an `--as-of` earlier
    /// than what the store kept must not find zeros there). Nil: no such bound.
    public private(set) var knownFrom: Int64?
    public private(set) var users = ByteInterner()
    private(set) var slots = CountTable<Key>()
    /// Requests before this instant are not recorded.
    private var keepFrom: Int64 = .min
    /// `latest` at the last pruning.
    private var prunedAt: Int64 = .min
    /// At least the highest slot number any entry has had: an hour after it has no entry yet.
    private var newestSlot: Int64 = .min

    public init(keptSeconds: Int64 = 2 * 86_400, phase: Int64 = 0, through: Int64? = nil) {
        self.keptSeconds = min(max(keptSeconds, Self.slotSeconds), Self.timeBound)
        self.phase = ((phase % Self.slotSeconds) + Self.slotSeconds) % Self.slotSeconds
        self.through = through
    }

    /// The phase that aligns slots with the local hours of `calendar`'s zone at `instant`:
    /// where a local hour starts within the UTC hour, `−offset` modulo one hour (0 for
    /// whole-hour zones, 1800 for +05:30, 900 for +05:45).
    public static func phase(for calendar: ZonedCalendar, at instant: Int64) -> Int64 {
        let offset = Int64(calendar.utcOffset(at: instant))
        return ((-offset % slotSeconds) + slotSeconds) % slotSeconds
    }

    /// Records one request of the user whose label is `user` (hot path: one comparison
    /// for a request outside the kept span).
    @inline(__always)
    public mutating func record(
        user: UnsafeBufferPointer<UInt8>, scope: Int, time: Int64, units: Int64, consumed: Bool, rejected: Bool
    ) {
        guard accepts(time) else { return }
        let id = users.intern(user)
        record(userID: id, scope: scope, time: time, units: units, consumed: consumed, rejected: rejected)
    }

    /// Whether a request at `time` is recorded (inside the kept span).
    @inline(__always)
    public func accepts(_ time: Int64) -> Bool {
        time >= keepFrom
    }

    /// The id of the user whose label is `user` in this usage's own table (hot path:
    /// pair it with `record(userID:…)`).
    @inline(__always)
    public mutating func intern(user: UnsafeBufferPointer<UInt8>) -> Int32 {
        users.intern(user)
    }

    /// Records one request of user `userID` (an id from `intern(user:)`) that `accepts(_:)`.
    @inline(__always)
    public mutating func record(
        userID: Int32, scope: Int, time: Int64, units: Int64, consumed: Bool, rejected: Bool
    ) {
        add(user: userID, scope: scope, time: time) { $0.record(time: time, units: units, consumed: consumed, rejected: rejected) }
    }

    /// The slot number of `time` (`⌊(time − phase) / 3600⌋`, time clamped).
    @inline(__always)
    func slotNumber(containing time: Int64) -> Int64 {
        Self.floorDivide(Self.clamp(time) - phase, by: Self.slotSeconds)
    }

    /// Adds the counts of slot number `slot`, `counts[i]` for user id and scope `pairs[i]`
    /// (each pair once), without moving the kept span (the caller collected them from
    /// requests it checked with `accepts(_:)`, and calls `noteLatest(_:)` with their latest
    /// time afterwards). An hour after every hour held so far (the counter's usual case)
    /// cannot meet an entry of its own, so its entries go in without being looked for.
    mutating func add(hour slot: Int64, pairs: [(user: Int32, scope: Int32)], counts: [UsageCounts]) {
        let isNew = slot > newestSlot
        slots.reserve(slots.count + pairs.count)
        for (pair, counts) in zip(pairs, counts) {
            let key = Key(user: pair.user, scope: pair.scope, slot: slot)
            if isNew {
                slots.insertNew(counts, for: key)
            } else {
                slots.add(counts, to: key)
            }
        }
        newestSlot = max(newestSlot, slot)
    }

    /// Adds counts for a user given by name at the hour containing `time` (cold path: a
    /// single stored slot, tests).
    public mutating func add(_ counts: UsageCounts, user: String, scope: Int, time: Int64) {
        guard time >= keepFrom else { return }
        add(counts, userID: users.intern(user), scope: scope, time: time)
    }

    /// Adds counts for user `userID` (an id from `intern(user:)`) at the hour containing
    /// `time` (cold path: partials, a state store's slots).
    mutating func add(_ counts: UsageCounts, userID: Int32, scope: Int, time: Int64) {
        guard time >= keepFrom else { return }
        add(user: userID, scope: scope, time: time) { $0.merge(counts) }
    }

    /// Adds every slot of `other` (whose user ids are its own) and keeps the span that
    /// follows from the later of the two latest times.
    public mutating func merge(_ other: HourlyUsage) {
        if slots.isEmpty, users.count == 0, latest == .min, keptSeconds == other.keptSeconds,
           phase == other.phase, through == other.through {
            self = other
            prune()
            return
        }
        let otherSlots = other.slots
        var idMap: [Int32] = []
        idMap.reserveCapacity(other.users.count)
        for id in 0..<Int32(other.users.count) {
            idMap.append(users.intern(id, of: other.users))
        }
        slots.reserve(slots.count + otherSlots.count)
        for index in 0..<otherSlots.count {
            let key = otherSlots.keys[index]
            slots.add(otherSlots.counts[index], to: Key(user: idMap[Int(key.user)], scope: key.scope, slot: key.slot))
        }
        newestSlot = max(newestSlot, other.newestSlot)
        if let known = other.knownFrom { noteKnown(from: known) }
        if other.latest > latest { advance(to: other.latest) }
        prune()
    }

    /// The instants whose counts are complete: from the first slot boundary at or after
    /// `anchor − keptSeconds` (and not before `knownFrom`) on; nil before the first request.
    public var coverage: Range<Int64>? {
        guard latest > .min else { return nil }
        let start = max(slotBoundary(atOrAfter: anchor - keptSeconds), knownFrom.map { slotBoundary(atOrAfter: $0) } ?? .min)
        return start < Self.timeBound ? start..<Self.timeBound : nil
    }

    /// Notes that the hours before `start` are not all here (the first slot read back from
    /// a state store): `coverage` begins there at the earliest.
    public mutating func noteKnown(from start: Int64) {
        knownFrom = max(knownFrom ?? start, start)
    }

    /// What the kept span reaches back from: the latest request time, or `through` when
    /// that is earlier.
    var anchor: Int64 {
        through.map { min(latest, Self.clamp($0)) } ?? latest
    }

    /// The start of the slot that contains `time`.
    public func slotStart(containing time: Int64) -> Int64 {
        Self.floorDivide(Self.clamp(time) - phase, by: Self.slotSeconds) * Self.slotSeconds + phase
    }

    /// Whether `time` is a slot boundary.
    public func isSlotBoundary(_ time: Int64) -> Bool {
        slotStart(containing: time) == Self.clamp(time)
    }

    /// The counts of `user` summed over `scopes` in `[start, end)`; nil unless both ends are
    /// slot boundaries inside `coverage` (an empty range gives zero counts).
    public func counts(user: String, scopes: [Int], from start: Int64, to end: Int64) -> UsageCounts? {
        counts(userID: lookup(user), scopes: scopes, from: start, to: end)
    }

    /// The units of `user` summed over `scopes` in each of the `count` slots one after
    /// another from the one that starts at `firstStart`: each slot's
    /// `counts(user:scopes:from:to:)`, its units or 0 where that is nil, the user looked up
    /// once.
    public func unitsPerSlot(user: String, scopes: [Int], from firstStart: Int64, count: Int) -> [Int64] {
        let id = lookup(user)
        var units: [Int64] = []
        units.reserveCapacity(max(0, count))
        var start = firstStart
        for _ in 0..<max(0, count) {
            let end = start + Self.slotSeconds
            units.append(counts(userID: id, scopes: scopes, from: start, to: end)?.units ?? 0)
            start = end
        }
        return units
    }

    private func counts(userID: Int32?, scopes: [Int], from start: Int64, to end: Int64) -> UsageCounts? {
        guard let coverage, isSlotBoundary(start), isSlotBoundary(end), start <= end,
              coverage.contains(start), end <= coverage.upperBound
        else { return nil }
        var total = UsageCounts()
        guard let id = userID else { return total }
        var slot = Self.floorDivide(start - phase, by: Self.slotSeconds)
        let last = Self.floorDivide(end - phase, by: Self.slotSeconds)
        while slot < last {
            for scope in scopes {
                if let counts = slots[Key(user: id, scope: Int32(truncatingIfNeeded: scope), slot: slot)] {
                    total.merge(counts)
                }
            }
            slot += 1
        }
        return total
    }

    /// The counts of `user` summed over `scopes` in the slot that contains `time`; nil
    /// when that slot is not inside `coverage`.
    public func slotCounts(user: String, scopes: [Int], containing time: Int64) -> UsageCounts? {
        let start = slotStart(containing: time)
        return counts(user: user, scopes: scopes, from: start, to: start + Self.slotSeconds)
    }

    // MARK: - Internals

    private func lookup(_ user: String) -> Int32? {
        users.lookup(user)
    }

    private mutating func add(user id: Int32, scope: Int, time: Int64, _ update: (inout UsageCounts) -> Void) {
        let clamped = Self.clamp(time)
        let key = Key(user: id, scope: Int32(truncatingIfNeeded: scope), slot: Self.floorDivide(clamped - phase, by: Self.slotSeconds))
        slots.update(slots.entry(for: key), update)
        newestSlot = max(newestSlot, key.slot)
        noteLatest(clamped)
    }

    /// Moves the kept span forward when `clamped` is the latest time seen.
    @inline(__always)
    mutating func noteLatest(_ clamped: Int64) {
        if clamped > latest {
            advance(to: clamped)
            // Prune every quarter of the kept span, so the table holds at most 1¼ spans.
            if prunedAt == .min || latest - prunedAt >= keptSeconds / 4 { prune() }
        }
    }

    private mutating func advance(to time: Int64) {
        latest = time
        keepFrom = slotBoundary(atOrAfter: anchor - keptSeconds)
    }

    /// Drops slots that start before the kept span now rather than at the next pruning
    /// (memory only: no answer changes).
    mutating func compact() {
        prune()
        slots.shrinkToFit()
    }

    /// Drops slots that start before the kept span (they may be incomplete).
    private mutating func prune() {
        prunedAt = latest
        guard latest > .min else { return }
        let first = Self.floorDivide(keepFrom - phase, by: Self.slotSeconds)
        if slots.keys.contains(where: { $0.slot < first }) { slots.filter { $0.slot >= first } }
    }

    private func slotBoundary(atOrAfter time: Int64) -> Int64 {
        let start = slotStart(containing: time)
        return start < Self.clamp(time) ? start + Self.slotSeconds : start
    }

    @inline(__always)
    static func clamp(_ time: Int64) -> Int64 {
        min(max(time, -timeBound), timeBound)
    }

    @inline(__always)
    static func floorDivide(_ value: Int64, by divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
