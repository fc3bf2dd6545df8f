import Glibc
import Testing
@testable import UsageAudit

@Suite("AnchoredBytePattern")
struct AnchoredBytePatternTests {
    /// `regexec`'s answer, as `PathRegex` asked it before the fast path.
    private func posixMatches(_ pattern: String, _ path: [UInt8]) -> Bool {
        var compiled = regex_t()
        guard regcomp(&compiled, pattern, REG_EXTENDED | REG_NOSUB) == 0 else { return false }
        defer { regfree(&compiled) }
        let text = path.map { CChar(bitPattern: $0 == 0 ? 0x7F : $0) } + [0]
        return regexec(&compiled, text, 0, nil, 0) == 0
    }

    @Test("simple patterns are recognised, others left to regexec")
    func recognised() {
        for simple in ["^/api/v[12]/route", "^/a", "^", "^/x$", "^/v[0-9][a-c-]/", "^\\.well-known", "^/[]a]"] {
            #expect(AnchoredBytePattern(simple) != nil, "\(simple)")
        }
        for other in ["/api", "^/a*", "^/a+", "^/a?", "^/a{2}", "^/(a|b)", "^/a|^/b", "^/.", "^/[^a]", "^/[[:digit:]]",
                      "^/\\d", "^/a$/b", "^/é", "^/[a\\b]"] {
            #expect(AnchoredBytePattern(other) == nil, "\(other)")
        }
    }

    @Test("answers as regexec does", arguments: ["^/api/v[12]/route", "^/x$", "^/v[0-9][a-c-]/", "^\\.well-known", "^/[]a]", "^"])
    func sameAsRegexec(pattern: String) throws {
        let simple = try #require(AnchoredBytePattern(pattern))
        var random = SeededRandom(seed: 11)
        let alphabet = Array("/apiv123route.xwellknown-abc]0é".utf8) + [0, 0xFF, 0x7F]
        var paths: [[UInt8]] = ["/api/v1/route", "/api/v3/route", "/api/v2/routes/x", "/x", "/x/", "/v7c/", "/v0-/", ".well-known/a",
                                "/]", "/a", "", "/api/v1/rout"].map { Array($0.utf8) }
        for _ in 0..<2000 {
            let length = Int(random.next() % 18)
            paths.append((0..<length).map { _ in random.pick(alphabet) })
        }
        for path in paths {
            let fast = path.withUnsafeBufferPointer { simple.matches($0) }
            #expect(fast == posixMatches(pattern, path), "\(pattern) on \(path)")
        }
    }
}
