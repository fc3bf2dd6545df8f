/// Consecutive elements of a shared array, indexed from 0.
struct SeriesColumn<Element>: RandomAccessCollection {
    private let storage: [Element]
    private let offset: Int
    let endIndex: Int
    var startIndex: Int { 0 }

    /// `storage[start..<start + count]`.
    init(_ storage: [Element], start: Int, count: Int) {
        self.storage = storage
        offset = start
        endIndex = count
    }

    subscript(position: Int) -> Element {
        precondition(position >= 0 && position < endIndex, "index out of range")
        return storage[offset + position]
    }
}
