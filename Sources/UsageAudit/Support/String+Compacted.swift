extension String {
    /// The same text in storage of its own length: a copy, O(n). A string built by
    /// interpolation keeps the room its buffer grew to, often half again its length: a
    /// value held by the tens of thousands until the reports are written (a finding's
    /// words) is worth the copy.
    func compacted() -> String {
        var copy = self
        return copy.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { buffer in
                _ = buffer.initialize(fromContentsOf: bytes)
                return bytes.count
            }
        }
    }
}
