/// A request path as nginx matches it against its `location`s, so that `[count] paths`
/// and `[[scope]]` rules see what the server served: `%XX` escapes decoded, runs of `/`
/// merged (`merge_slashes on`), `.` and `..` segments resolved (never above the root).
/// `//api/v1/geocode`, `/api/v1/%67eocode` and `/api/v1/route/../geocode` are all
/// `/api/v1/geocode`. An escape that is not two hex digits is kept as written.
enum RequestPath {
    /// Whether `path` needs `normalized(_:)`: it holds a `%`, a `//` or a `/.`. Most paths
    /// do not, and are matched as they are. Eight bytes at a time, with the byte after
    /// each word loaded beside it, so that a `/` and the byte that follows it are compared
    /// in one step.
    @inline(__always)
    static func needsNormalizing(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = path.baseAddress else { return false }
        let count = path.count
        var index = 0
        while index + 9 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let following = UnsafeRawPointer(base + index + 1).loadUnaligned(as: UInt64.self)
            let slashes = zeroBytes(word ^ repeated(ASCII.slash))
            let afterSlash = zeroBytes(following ^ repeated(ASCII.slash)) | zeroBytes(following ^ repeated(ASCII.dot))
            if zeroBytes(word ^ repeated(ASCII.percent)) != 0 || slashes & afterSlash != 0 { return true }
            index += 8
        }
        while index < count {
            let byte = base[index]
            if byte == ASCII.percent { return true }
            if byte == ASCII.slash, index + 1 < count, base[index + 1] == ASCII.slash || base[index + 1] == ASCII.dot {
                return true
            }
            index += 1
        }
        return false
    }

    /// `byte` in each of the eight bytes of a word.
    @inline(__always)
    private static func repeated(_ byte: UInt8) -> UInt64 {
        UInt64(byte) &* 0x0101_0101_0101_0101
    }

    /// 0x80 in each byte of `word` that is zero, 0 in the others (exact: no carries
    /// between bytes).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low = UInt64(0x7F7F_7F7F_7F7F_7F7F)
        return ~(((word & low) &+ low) | word | low)
    }

    /// A configured prefix in the form request paths are matched in (`/stra%C3%9Fe/` is
    /// `/straße/`, `//api/` is `/api/`), so that it matches the requests it names.
    static func normalized(prefix: String) -> String {
        let bytes = Array(prefix.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            needsNormalizing(buffer) ? String(decoding: normalized(buffer), as: UTF8.self) : prefix
        }
    }

    /// `path` decoded, with slashes merged and dot segments resolved.
    static func normalized(_ path: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        normalize(path, into: &result)
        return result
    }

    /// Writes `normalized(path)` into `result`, reusing its storage: decoded first, then the
    /// segments resolved in place (the resolved path is never longer than the decoded one,
    /// and each byte is written at or before where it is read).
    static func normalize(_ path: UnsafeBufferPointer<UInt8>, into result: inout [UInt8]) {
        QueryParameter.decode(path, into: &result)
        let count = result.count
        guard count > 0 else { return }
        let kept = result.withUnsafeMutableBufferPointer { bytes -> Int in
            let floor = bytes[0] == ASCII.slash ? 1 : 0 // an absolute path keeps its '/'
            let endsWithSlash = bytes[count - 1] == ASCII.slash
            var written = floor
            var read = 0
            var trailingSlash = false
            while read < count {
                while read < count, bytes[read] == ASCII.slash { read += 1 }
                guard read < count else { break }
                var end = read
                while end < count, bytes[end] != ASCII.slash { end += 1 }
                let length = end - read
                if length == 1, bytes[read] == ASCII.dot {
                    trailingSlash = true
                } else if length == 2, bytes[read] == ASCII.dot, bytes[read + 1] == ASCII.dot {
                    // Drop the last segment written and the '/' before it (never the root).
                    while written > floor, bytes[written - 1] != ASCII.slash { written -= 1 }
                    if written > floor { written -= 1 }
                    trailingSlash = true
                } else {
                    if written > floor {
                        bytes[written] = ASCII.slash
                        written += 1
                    }
                    for offset in 0..<length { bytes[written + offset] = bytes[read + offset] }
                    written += length
                    trailingSlash = false
                }
                read = end
            }
            if (trailingSlash || endsWithSlash), written > floor {
                bytes[written] = ASCII.slash
                written += 1
            }
            return written
        }
        result.removeLast(count - kept)
    }
}
