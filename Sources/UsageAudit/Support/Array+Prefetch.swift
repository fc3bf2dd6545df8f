import CPrefetch

extension Array {
    /// Asks the CPU to bring element `index` into the cache for a read soon. A hint only:
    /// it changes no result, and an index out of bounds is ignored.
    ///
    /// For loops whose next lookups are known ahead (a run of requests, a group of slots):
    /// fetches issued a few steps early overlap instead of stalling one after another.
    @inline(__always)
    func prefetch(at index: Int) {
        guard index >= 0 && index < count else { return }
        withUnsafeBufferPointer { usage_audit_prefetch($0.baseAddress! + index) }
    }

    /// `prefetch(at:)` for an element about to be written.
    @inline(__always)
    func prefetchForWriting(at index: Int) {
        guard index >= 0 && index < count else { return }
        withUnsafeBufferPointer { usage_audit_prefetch_for_writing($0.baseAddress! + index) }
    }
}
