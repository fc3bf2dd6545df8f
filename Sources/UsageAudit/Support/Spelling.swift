/// Suggestions for a name that was probably mistyped: the known name nearest to it by edit
/// distance (a configuration key, a log format variable, a subcommand).
public enum Spelling {
    /// The name in `candidates` nearest to `name` by edit distance, when it is plausibly a
    /// typo of it (at most two edits, or a third of `name`'s length for longer names); nil
    /// when nothing is that near.
    public static func nearest(to name: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(name, $0)) }.min { $0.1 < $1.1 }
        guard let (candidate, distance) = scored, distance <= max(2, name.count / 3) else { return nil }
        return candidate
    }

    /// The Levenshtein distance between the UTF-8 bytes of `a` and `b`: the fewest single-byte
    /// insertions, deletions and substitutions that turn one into the other.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
