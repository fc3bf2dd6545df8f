/// Whitespace trimming without Foundation, for configuration and CSV text.
extension StringProtocol {
    func trimmingLeadingSpaces() -> SubSequence {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        return self[start...]
    }

    func trimmingCharacters() -> String {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return start < end ? String(self[start..<end]) : ""
    }
}

extension String {
    /// The string without whitespace at either end, as `StringProtocol.trimmingCharacters()`.
    /// Most cells (keys, names, numbers) start and end with a visible ASCII character: then
    /// nothing is whitespace at either end, and the string is its own result (no Character
    /// formed, no copy; a keys file has a million cells).
    func trimmingCharacters() -> String {
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        return self[...].trimmingCharacters()
    }

    /// The string without trailing spaces (aligned table cells).
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
