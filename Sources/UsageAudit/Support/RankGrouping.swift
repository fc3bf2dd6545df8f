/// Items grouped by a small integer rank in one counting sort: `order[starts[r]..<starts[r + 1]]`
/// are the items of rank `r`, in their original order. Reports group cells by user in name
/// order this way (a user's rank among names), then sort each user's few cells.
struct RankGrouping {
    /// Item indices, grouped by rank.
    private(set) var order: [Int32]
    /// Where each rank's items start in `order` (`ranks + 1` entries).
    private(set) var starts: [Int]

    /// Groups items `0..<count` by `rank(item)`, each in `0..<ranks`.
    init(count: Int, ranks: Int, rank: (Int) -> Int) {
        var starts = [Int](repeating: 0, count: ranks + 1)
        for item in 0..<count { starts[rank(item) + 1] += 1 }
        for index in 0..<ranks { starts[index + 1] += starts[index] }
        var next = starts
        var order = [Int32](repeating: 0, count: count)
        for item in 0..<count {
            let position = rank(item)
            order[next[position]] = Int32(item)
            next[position] += 1
        }
        self.order = order
        self.starts = starts
    }

    /// The number of ranks.
    var rankCount: Int { starts.count - 1 }

    /// The items of rank `rank`.
    func items(ofRank rank: Int) -> ArraySlice<Int32> {
        order[starts[rank]..<starts[rank + 1]]
    }

    /// Sorts the items of each rank by `areInIncreasingOrder`: `order` then lists every item,
    /// rank by rank, each rank sorted.
    mutating func sortEachRank(by areInIncreasingOrder: (Int32, Int32) -> Bool) {
        for rank in 0..<rankCount {
            order[starts[rank]..<starts[rank + 1]].sort(by: areInIncreasingOrder)
        }
    }
}
