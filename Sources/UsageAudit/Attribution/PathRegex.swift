import Glibc

/// A POSIX extended regular expression matched against path bytes (Glibc `regexec`),
/// used by `[[scope]] regex`. Glibc's matcher is far faster than Swift `Regex` and
/// works on bytes.
///
/// `regexec` is thread-safe for a compiled pattern only with care; each worker makes
/// its own instance (they are cheap), so this type is not `Sendable`.
public final class PathRegex {
    private var compiled = regex_t()
    private var scratch: [CChar] = Array(repeating: 0, count: 1024)
    /// The pattern as a sequence of byte sets, when it is a simple anchored one (see
    /// `AnchoredBytePattern`): matched without `regexec`.
    private let anchored: AnchoredBytePattern?

    /// Compiles `pattern`; nil when it is invalid (see `problem(compiling:)`).
    public init?(_ pattern: String) {
        guard regcomp(&compiled, pattern, REG_EXTENDED | REG_NOSUB) == 0 else { return nil }
        anchored = AnchoredBytePattern(pattern)
    }

    deinit {
        regfree(&compiled)
    }

    /// Whether the pattern matches somewhere in `path`.
    public func matches(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        if let anchored { return anchored.matches(path) }
        if scratch.count < path.count + 1 {
            scratch = Array(repeating: 0, count: path.count + 1)
        }
        return scratch.withUnsafeMutableBufferPointer { buffer in
            for index in 0..<path.count {
                // A NUL inside a path would end the C string early; map it to a byte no path uses.
                buffer[index] = path[index] == 0 ? CChar(bitPattern: 0x7F) : CChar(bitPattern: path[index])
            }
            buffer[path.count] = 0
            return regexec(&compiled, buffer.baseAddress!, 0, nil, 0) == 0
        }
    }

    /// Why `pattern` does not compile, or nil when it does.
    public static func problem(compiling pattern: String) -> String? {
        if let escape = unsupportedEscape(in: pattern) { return escape }
        var compiled = regex_t()
        let status = regcomp(&compiled, pattern, REG_EXTENDED | REG_NOSUB)
        defer { if status == 0 { regfree(&compiled) } }
        guard status != 0 else { return nil }
        var message = [CChar](repeating: 0, count: 256)
        regerror(status, &compiled, &message, message.count)
        return String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Letters glibc reads after a backslash outside a bracket expression (`\w \W \s \S \b
    /// \B`); `\<`, `\>` and escaped punctuation are no letters.
    private static let supportedLetterEscapes: Set<Character> = ["w", "W", "s", "S", "b", "B"]

    /// A Perl-style escape that POSIX does not have (`\d` matches the letter `d` there, so
    /// `^/v\d+/` matches no path at all), named with what to write instead; nil when none.
    static func unsupportedEscape(in pattern: String) -> String? {
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "[" {
                let bracket = Self.endOfBracket(characters, from: index)
                if let escape = bracket.perlClass {
                    return "[…\\\(escape)…] holds a backslash and the letter \(escape) in POSIX, not a class: "
                        + (escape == "d" ? "write [0-9] (or [[:digit:]] inside brackets)" : "use a class such as [[:alnum:]_] or [[:space:]]")
                }
                index = bracket.end
            } else if character == "\\", index + 1 < characters.count {
                let next = characters[index + 1]
                if next.isLetter, !supportedLetterEscapes.contains(next) {
                    let instead: String
                    switch next {
                    case "d": instead = "use [0-9]"
                    case "D": instead = "use [^0-9]"
                    default: instead = "write the character itself, or a bracket expression such as [[:space:]]"
                    }
                    return "\\\(next) is no escape in POSIX regular expressions (it matches the letter \(next)): \(instead)"
                }
                index += 1
            }
            index += 1
        }
        return nil
    }

    /// The index of the `]` closing the bracket expression opened at `start` (where a
    /// backslash is a member, a `]` right after `[` or `[^` too, and `[:alpha:]`, `[.x.]`,
    /// `[=x=]` are whole members; the last index when it is never closed), and the letter
    /// of a Perl class written in it (`[\d]`, `[\w-]`: a backslash and a letter in POSIX).
    private static func endOfBracket(_ characters: [Character], from start: Int) -> (end: Int, perlClass: Character?) {
        let perlClasses: Set<Character> = ["d", "D", "w", "W", "s", "S"]
        var perlClass: Character?
        var index = start + 1
        if index < characters.count, characters[index] == "^" { index += 1 }
        if index < characters.count, characters[index] == "]" { index += 1 }
        while index < characters.count {
            let character = characters[index]
            if character == "]" { return (index, perlClass) }
            if character == "\\", index + 1 < characters.count, perlClasses.contains(characters[index + 1]), perlClass == nil {
                perlClass = characters[index + 1]
            }
            if character == "[", index + 1 < characters.count, let kind = ":.=".firstIndex(of: characters[index + 1]) {
                let closing = ":.="[kind]
                var end = index + 2
                while end + 1 < characters.count, !(characters[end] == closing && characters[end + 1] == "]") { end += 1 }
                index = end + 2
                continue
            }
            index += 1
        }
        return (characters.count - 1, perlClass)
    }
}
