/// The last request path `RequestClassifier` normalised (`RequestPath`), so that a path
/// that needs it is normalised once however often it is asked for in a row: by `isCounted`
/// and then `scope(of:)` for one request, or by requests of the same path one after the
/// other. Reused buffers, no allocation per line; one per classifier, so one per worker
/// (not thread-safe).
final class MatchedPathCache {
    private var raw: [UInt8] = []
    private var normalized: [UInt8] = []

    /// Calls `body` with `path` as the server matched it.
    @inline(__always)
    func withMatchedPath<Result>(_ path: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard RequestPath.needsNormalizing(path) else { return body(path) }
        if !raw.elementsEqual(path) {
            raw.removeAll(keepingCapacity: true)
            raw.append(contentsOf: path)
            RequestPath.normalize(path, into: &normalized)
        }
        return normalized.withUnsafeBufferPointer(body)
    }
}
