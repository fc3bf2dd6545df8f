/// The folder part of a file path, as `dirname(1)` gives it.
///
/// Foundation's `NSString.deletingLastPathComponent` traps on Linux for a one-character
/// name without a slash (`--config c`, `-o x`, `--state s`), which crashed the run; this is
/// the plain string arithmetic instead.
public enum PathFolder {
    /// `"."` for a bare name, `"/"` for a name in the root, else everything before the last
    /// component (trailing and repeated slashes ignored): `d/c` → `d`, `/c` → `/`, `c` → `.`.
    public static func of(_ path: String) -> String {
        var bytes = Array(path.utf8)
        while bytes.count > 1, bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        var end = slash
        while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        guard end > 0 else { return "/" }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}
