/// A request path as nginx matches it against its `location`s, so that `[count] paths`
/// and `[[scope]]` rules see what the server served: `%XX` escapes decoded, runs of `/`
/// merged (`merge_slashes on`), `.` and `..` segments resolved (never above the root).
/// `//api/v1/geocode`, `/api/v1/%67eocode` and `/api/v1/route/../geocode` are all
/// `/api/v1/geocode`. An escape that is not two hex digits is kept as written.
enum RequestPath {
    /// Whether `path` needs `normalized(_:)`: it holds a `%`, a `//` or a `/.`. Most paths
    /// do not, and are matched as they are.
    @inline(__always)
    static func needsNormalizing(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < path.count {
            let byte = path[index]
            if byte == ASCII.percent { return true }
            if byte == ASCII.slash, index + 1 < path.count, path[index + 1] == ASCII.slash || path[index + 1] == ASCII.dot {
                return true
            }
            index += 1
        }
        return false
    }

    /// `path` decoded, with slashes merged and dot segments resolved.
    static func normalized(_ path: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(path.count)
        QueryParameter.decode(path, into: &decoded)
        return resolvingSegments(decoded)
    }

    /// Merges runs of `/` and resolves `.` and `..` segments; keeps a trailing `/`.
    private static func resolvingSegments(_ path: [UInt8]) -> [UInt8] {
        let absolute = path.first == ASCII.slash
        var segments: [ArraySlice<UInt8>] = []
        var trailingSlash = false
        for segment in path.split(separator: ASCII.slash, omittingEmptySubsequences: true) {
            if segment.elementsEqual([ASCII.dot]) {
                trailingSlash = true
            } else if segment.elementsEqual([ASCII.dot, ASCII.dot]) {
                if !segments.isEmpty { segments.removeLast() }
                trailingSlash = true
            } else {
                segments.append(segment)
                trailingSlash = false
            }
        }
        if path.last == ASCII.slash { trailingSlash = true }
        var result: [UInt8] = absolute ? [ASCII.slash] : []
        for (number, segment) in segments.enumerated() {
            if number > 0 { result.append(ASCII.slash) }
            result.append(contentsOf: segment)
        }
        if trailingSlash, !segments.isEmpty { result.append(ASCII.slash) }
        return result
    }
}
