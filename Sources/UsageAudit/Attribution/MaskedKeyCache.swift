/// The labels of recently seen unmapped API keys (`UserLabel.maskedKey`), so that a key's
/// SHA-256 is computed once, not on every line it sends: a deployment without
/// `identity.keys` attributes most lines this way. Direct-mapped by an FNV-1a hash of the
/// key; a slot keeps the last key that fell into it (16,384 slots: with 5,000 keys a night
/// the run costs about what mapped keys cost; far more keys miss more often).
struct MaskedKeyCache: Sendable {
    private static let slotCount = 16384
    private var keys = [[UInt8]](repeating: [], count: slotCount)
    private var labels = [[UInt8]](repeating: [], count: slotCount)

    /// Calls `body` with the label of `key`, from the cache or computed into it.
    @inline(__always)
    mutating func withLabel<Result>(
        of key: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let slot = Int(truncatingIfNeeded: hash) & (Self.slotCount - 1)
        if keys[slot].isEmpty || !keys[slot].elementsEqual(key) {
            keys[slot].removeAll(keepingCapacity: true)
            keys[slot].append(contentsOf: key)
            UserLabel.maskedKey(key, into: &labels[slot])
        }
        return try labels[slot].withUnsafeBufferPointer(body)
    }
}
