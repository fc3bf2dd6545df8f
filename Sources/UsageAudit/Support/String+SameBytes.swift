extension String {
    /// Whether `other` has exactly the same UTF-8 bytes. Unlike `==` (Unicode canonical
    /// equivalence), a precomposed and a decomposed accent differ, as they do in the state
    /// store's keys; unlike `utf8.elementsEqual`, native strings are compared with one
    /// `memcmp`.
    func hasSameBytes(as other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        let compared = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { mine.hasSameBytes(as: $0) }
        }
        if let compared, let same = compared { return same }
        return utf8.elementsEqual(other.utf8)
    }
}
