import Glibc

extension Array where Element: BitwiseCopyable {
    /// Hands the whole pages of the room past the elements back to the system
    /// (`madvise(MADV_DONTNEED)`), without copying anything: the capacity stays, and a page
    /// written again later comes back zero-filled. For a large buffer at the end of its
    /// growth, where a copy into an exact one would hold the old and the new at once. An
    /// empty array gives its buffer up instead; a buffer shared with a copy is copied
    /// (into one without room to spare), which is the cost this avoids: call it on a
    /// buffer the array holds alone.
    ///
    /// That room is resident when elements once stood there: a table pruned as it grows
    /// (the hourly slots) leaves the pages of its removed entries behind. The pages lie
    /// wholly inside the array's own allocation, past its elements, which is memory Swift
    /// holds no value in; glibc keeps nothing inside a block in use.
    mutating func releaseUnusedPages() {
        guard !isEmpty else {
            self = []
            return
        }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        // The capacity is read once the buffer is this array's own (reading it inside the
        // closure below would overlap the closure's exclusive access).
        withUnsafeMutableBufferPointer { _ in }
        let stride = MemoryLayout<Element>.stride
        let (used, reserved) = (count * stride, capacity * stride)
        guard page > 0, reserved - used >= page else { return }
        withUnsafeMutableBufferPointer { elements in
            guard let base = elements.baseAddress.map({ Int(bitPattern: $0) }) else { return }
            let start = (base + used + page - 1) & ~(page - 1)
            let end = (base + reserved) & ~(page - 1)
            guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(first, end - start, Int32(MADV_DONTNEED))
        }
    }
}
