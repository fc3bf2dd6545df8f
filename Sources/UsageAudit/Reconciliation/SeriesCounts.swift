/// The counts of a `UsageIndex.Series`, a day per element, read from the aggregate's own
/// counts through shared arrays of positions (no copy of a count, no allocation per series):
/// either one cell a day, the cells at consecutive entries of `positions`, or several
/// cells a day, whose counts are summed when the day is read.
struct SeriesCounts: RandomAccessCollection {
    private let storage: [UsageCounts]
    private let positions: [Int32]
    /// Empty for one cell a day; else day `i`'s cells are at
    /// `positions[dayStarts[offset + i]..<dayStarts[offset + i + 1]]`.
    private let dayStarts: [Int32]
    private let offset: Int
    let endIndex: Int
    var startIndex: Int { 0 }

    /// The counts of `storage` at `positions[start..<start + count]`, one a day.
    init(_ storage: [UsageCounts], positions: [Int32], start: Int, count: Int) {
        self.storage = storage
        self.positions = positions
        dayStarts = []
        offset = start
        endIndex = count
    }

    /// `count` days whose cells' positions start at `dayStarts[start..<start + count]`, the
    /// last day's ending at `dayStarts[start + count]`.
    init(_ storage: [UsageCounts], positions: [Int32], dayStarts: [Int32], start: Int, count: Int) {
        precondition(!dayStarts.isEmpty || count == 0)
        self.storage = storage
        self.positions = positions
        self.dayStarts = dayStarts
        offset = start
        endIndex = count
    }

    subscript(position: Int) -> UsageCounts {
        precondition(position >= 0 && position < endIndex, "index out of range")
        guard !dayStarts.isEmpty else { return storage[Int(positions[offset + position])] }
        var total = UsageCounts()
        for cell in Int(dayStarts[offset + position])..<Int(dayStarts[offset + position + 1]) {
            total.merge(storage[Int(positions[cell])])
        }
        return total
    }
}
