import Testing
@testable import UsageAudit

@Suite("MaskedKeyCache")
struct MaskedKeyCacheTests {
    @Test("every key gets its own label, from the cache or computed, also when keys share a slot")
    func labels() {
        var cache = MaskedKeyCache()
        // More keys than slots, twice over: every lookup must give the key's own label.
        let keys = (0..<20_000).map { "key-\($0)-secret" }
        for _ in 0..<2 {
            for key in keys.shuffled().prefix(3000) {
                let label = Array(key.utf8).withUnsafeBufferPointer { buffer in
                    cache.withLabel(of: buffer) { String(decoding: $0, as: UTF8.self) }
                }
                #expect(label == MaskedKey.label(key), "\(key)")
            }
        }
    }
}
