/// Every user's daily counts per scope over the days detection reads, in one flat array
/// grouped by (user, scope) and sorted by day, so that 100,000 users cost a few
/// allocations and each user's days are read from one contiguous run.
///
/// Series are addressed by user id (the aggregate's) and slot: slots `0..<scopeCount` are
/// the configuration's scopes (`scopeNames` order, `other` last), slot `scopeCount` is
/// `all`, whose counts are summed from the scopes when read.
///
/// Built in three linear passes over the aggregate's cells (count, stage by partition,
/// place): placing millions of cells straight into their final slots would touch memory
/// at random, a cache and TLB miss each; staging them first into a few hundred
/// partitions of neighbouring series keeps every write close to the previous one. When
/// each user's cells come together (an aggregate arranged by user, as the pipeline's
/// are), straight placement is already close to the previous write: two passes, and no
/// staging copy.
struct DailyUnitsTable {
    /// One day of one (user, scope) series.
    struct Entry {
        var day: Int32
        /// 1 when the units are the requests, else 0 (while building: the series index,
        /// bitwise negated when the units are not the requests).
        var tag: Int32
        var units: Int64
        var rejected: Int64

        var counts: DayCounts {
            DayCounts(units: units, rejected: rejected, unitsAreRequests: tag != 0)
        }
    }

    let userCount: Int
    let scopeCount: Int
    /// The slot of `all`.
    var allSlot: Int { scopeCount }
    /// The first day of each (user, slot) series over all of the aggregate's days, kept or
    /// not (`Int32.max` when the series has none).
    private var firstDays: [Int32]
    /// The first day of any series: where the data begins (`Int32.max` without data).
    private(set) var firstDataDay = Int32.max
    /// Entries of series `user × scopeCount + scope` are `entries[starts[i]..<ends[i]]`.
    private var starts: [Int]
    private var ends: [Int]
    private var entries: [Entry]

    /// - Parameters:
    ///   - scopeCount: `scopeNames.count`; cells whose scope index is outside it belong to
    ///     the last scope (`other`), as in `UsageAggregate.dailySeries(scopeNames:)`.
    ///   - days: the day numbers whose counts are kept (first days are found from all).
    init(usage: UsageAggregate, scopeCount: Int, days: ClosedRange<Int>) {
        let scopes = max(1, scopeCount)
        let users = usage.users.count
        let seriesCount = users * scopes
        userCount = users
        self.scopeCount = scopes
        func series(_ key: UsageKey) -> Int? {
            let user = Int(key.user)
            guard user >= 0, user < users else { return nil }
            let index = user * scopes + (key.scope >= 0 && Int(key.scope) < scopes ? Int(key.scope) : scopes - 1)
            // Staging tags series with an Int32 (2³¹ series would need terabytes anyway).
            return index <= Int(Int32.max) ? index : nil
        }

        // Pass 1: first days, how many kept days each series has, and whether each user's
        // cells are next to each other (an aggregate arranged by user).
        firstDays = Array(repeating: .max, count: users * (scopes + 1))
        var sizes = Array(repeating: 0, count: seriesCount + 1)
        var userDone = [Bool](repeating: false, count: users)
        var groupedByUser = true
        var lastUser = -1
        for key in usage.cellKeys {
            guard let index = series(key) else { continue }
            let user = index / scopes
            if user != lastUser {
                if lastUser >= 0 { userDone[lastUser] = true }
                if userDone[user] { groupedByUser = false }
                lastUser = user
            }
            let slot = user * (scopes + 1) + index % scopes
            firstDays[slot] = min(firstDays[slot], key.day.number)
            firstDays[user * (scopes + 1) + scopes] = min(firstDays[user * (scopes + 1) + scopes], key.day.number)
            firstDataDay = min(firstDataDay, key.day.number)
            if days.contains(Int(key.day.number)) { sizes[index] += 1 }
        }
        var starts = Array(repeating: 0, count: seriesCount + 1)
        var total = 0
        for index in 0..<seriesCount {
            starts[index] = total
            total += sizes[index]
        }
        starts[seriesCount] = total
        self.starts = starts

        let empty = Entry(day: 0, tag: 0, units: 0, rejected: 0)
        var cursor = starts
        var entries = Array(repeating: empty, count: total)
        if groupedByUser {
            // Each user's series are neighbours and each user's cells come together: placed
            // straight, every write lands next to the user's previous ones (no staging copy,
            // which for a store's half year of cells is tens of MB).
            usage.forEachCell { key, counts in
                guard days.contains(Int(key.day.number)), let index = series(key) else { return }
                entries[cursor[index]] = Entry(
                    day: key.day.number, tag: counts.units == counts.requests ? 1 : 0, units: counts.units, rejected: counts.rejected)
                cursor[index] += 1
            }
        } else {
            // Pass 2: stage each cell in its partition (a run of neighbouring series), whose
            // region of the staging array is the partition's region of the final one.
            let partitions = max(1, min(512, total / 4096))
            let seriesPerPartition = max(1, (seriesCount + partitions - 1) / partitions)
            var partitionCursor = (0..<partitions).map { starts[min($0 * seriesPerPartition, seriesCount)] }
            var staging = Array(repeating: empty, count: total)
            usage.forEachCell { key, counts in
                guard days.contains(Int(key.day.number)), let index = series(key) else { return }
                let partition = index / seriesPerPartition
                let tag = Int32(index)
                staging[partitionCursor[partition]] = Entry(
                    day: key.day.number, tag: counts.units == counts.requests ? tag : ~tag,
                    units: counts.units, rejected: counts.rejected)
                partitionCursor[partition] += 1
            }
            // Pass 3: place, partition by partition; the tag becomes "units are requests".
            for var entry in staging {
                let index = Int(entry.tag >= 0 ? entry.tag : ~entry.tag)
                entry.tag = entry.tag >= 0 ? 1 : 0
                entries[cursor[index]] = entry
                cursor[index] += 1
            }
        }
        var ends = starts
        entries.withUnsafeMutableBufferPointer { buffer in
            for index in 0..<seriesCount {
                ends[index] = Self.sortAndMerge(buffer, starts[index]..<cursor[index])
            }
        }
        self.entries = entries
        self.ends = ends
    }

    /// Sorts `range` by day and merges entries of the same day (two scope indexes that both
    /// mean `other`); returns the end of the merged entries. An insertion sort: a series
    /// holds a few dozen days.
    private static func sortAndMerge(_ entries: UnsafeMutableBufferPointer<Entry>, _ range: Range<Int>) -> Int {
        guard range.count > 1 else { return range.upperBound }
        for index in (range.lowerBound + 1)..<range.upperBound {
            let entry = entries[index]
            var position = index
            while position > range.lowerBound, entries[position - 1].day > entry.day {
                entries[position] = entries[position - 1]
                position -= 1
            }
            entries[position] = entry
        }
        var last = range.lowerBound
        for index in (range.lowerBound + 1)..<range.upperBound {
            if entries[index].day == entries[last].day {
                var counts = entries[last].counts
                counts.merge(entries[index].counts)
                entries[last] = Entry(
                    day: entries[last].day, tag: counts.unitsAreRequests ? 1 : 0, units: counts.units, rejected: counts.rejected)
            } else {
                last += 1
                entries[last] = entries[index]
            }
        }
        return last + 1
    }

    /// The first day of the series (`slot == allSlot` for `all`), nil when it has none.
    func firstDay(user: Int, slot: Int) -> Int32? {
        let day = firstDays[user * (scopeCount + 1) + slot]
        return day == .max ? nil : day
    }

    /// Whether the user has any counts on the kept days.
    func hasEntries(user: Int) -> Bool {
        let base = user * scopeCount
        return (base..<(base + scopeCount)).contains { ends[$0] > starts[$0] }
    }

    /// The counts of series (user, slot) summed over the days `[from, to)`.
    func counts(user: Int, slot: Int, from: Int, to: Int) -> DayCounts {
        var total = DayCounts()
        for scope in scopes(of: slot) {
            let index = user * scopeCount + scope
            var position = lowerBound(index, day: from)
            while position < ends[index], Int(entries[position].day) < to {
                total.merge(entries[position].counts)
                position += 1
            }
        }
        return total
    }

    /// Writes the units and refusals of every slot of `user` for the `count` days from day
    /// `from` into `units` and `rejected`, slot-major: day `from + i` of slot `s` is at
    /// `s × count + i`.
    func fill(user: Int, from: Int, count: Int, units: inout [Int64], rejected: inout [Int64]) {
        let size = (scopeCount + 1) * count
        units.removeAll(keepingCapacity: true)
        units.append(contentsOf: repeatElement(0, count: size))
        rejected.removeAll(keepingCapacity: true)
        rejected.append(contentsOf: repeatElement(0, count: size))
        let all = allSlot * count
        for scope in 0..<scopeCount {
            let index = user * scopeCount + scope
            var position = lowerBound(index, day: from)
            while position < ends[index] {
                let offset = Int(entries[position].day) - from
                guard offset < count else { break }
                let entry = entries[position]
                units[scope * count + offset] = entry.units
                rejected[scope * count + offset] = entry.rejected
                units[all + offset] = UsageCounts.adding(units[all + offset], entry.units)
                rejected[all + offset] = UsageCounts.adding(rejected[all + offset], entry.rejected)
                position += 1
            }
        }
    }

    /// The scopes a slot sums.
    private func scopes(of slot: Int) -> Range<Int> {
        slot == allSlot ? 0..<scopeCount : slot..<(slot + 1)
    }

    /// The first entry of series `index` on or after `day`.
    private func lowerBound(_ index: Int, day: Int) -> Int {
        var low = starts[index]
        var high = ends[index]
        while low < high {
            let middle = (low + high) / 2
            if Int(entries[middle].day) < day { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
