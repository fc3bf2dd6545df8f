import Testing
@testable import UsageAudit

@Suite("RequestPath")
struct RequestPathTests {
    private func normalized(_ path: String) -> String {
        let bytes = Array(path.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            RequestPath.needsNormalizing(buffer) ? String(decoding: RequestPath.normalized(buffer), as: UTF8.self) : path
        }
    }

    @Test("paths as nginx matches them: escapes decoded, slashes merged, dot segments resolved", arguments: [
        ("/api/v1/geocode", "/api/v1/geocode"),
        ("//api/v1/geocode", "/api/v1/geocode"),
        ("/api//v1///geocode", "/api/v1/geocode"),
        ("/api/v1/%67eocode", "/api/v1/geocode"),
        ("/api/v1/%2Fgeocode", "/api/v1/geocode"),
        ("/api/v1/route/../geocode", "/api/v1/geocode"),
        ("/api/./v1/geocode", "/api/v1/geocode"),
        ("/../../api/v1/geocode", "/api/v1/geocode"),
        ("/api/v1/", "/api/v1/"),
        ("/api/v1/.", "/api/v1/"),
        ("/api/v1/..", "/api/"),
        ("/api/v1.2/x", "/api/v1.2/x"),
        ("/api/.well-known/x", "/api/.well-known/x"),
        ("/api/%zz/x%4", "/api/%zz/x%4"),
        ("/", "/"),
        ("//", "/"),
        ("", ""),
    ])
    func normalizes(path: String, expected: String) {
        #expect(normalized(path) == expected)
    }

    @Test("most paths need nothing and are matched as they are")
    func fastPath() {
        for path in ["/api/v1/geocode", "/api/v1.2/x", "/", "", "/a.b/c"] {
            #expect(!Array(path.utf8).withUnsafeBufferPointer(RequestPath.needsNormalizing), "\(path)")
        }
        for path in ["//a", "/a/./b", "/a%20b", "/.x"] {
            #expect(Array(path.utf8).withUnsafeBufferPointer(RequestPath.needsNormalizing), "\(path)")
        }
    }

    @Test("the word-at-a-time check agrees with a byte-by-byte one, wherever in a word the byte falls")
    func wordwiseCheck() {
        func reference(_ path: [UInt8]) -> Bool {
            path.indices.contains { index in
                path[index] == ASCII.percent
                    || path[index] == ASCII.slash && index + 1 < path.count && [ASCII.slash, ASCII.dot].contains(path[index + 1])
            }
        }
        // Each pattern alone at every offset of a plain path, across the word boundaries.
        for pattern in ["%", "//", "/.", "/", ".", "./"] {
            for length in 0..<40 {
                for offset in 0...max(0, length - pattern.utf8.count) where offset + pattern.utf8.count <= length {
                    var path = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    path.replaceSubrange(offset..<(offset + pattern.utf8.count), with: pattern.utf8)
                    #expect(path.withUnsafeBufferPointer(RequestPath.needsNormalizing) == reference(path), "\(pattern) at \(offset) of \(length)")
                }
            }
        }
        var generator = SeededRandom(seed: 0x5EA5)
        // Mostly plain bytes, so that a single '%', '//' or '/.' lands at every offset.
        let alphabet: [UInt8] = Array("aaaaaaaa/v1.%".utf8) + [0x00, 0x80, 0xFF, 0x7F]
        for length in 0..<40 {
            for _ in 0..<200 {
                let path = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
                #expect(path.withUnsafeBufferPointer(RequestPath.needsNormalizing) == reference(path), "\(path)")
            }
        }
    }

    @Test("the classifier's cache gives each path its own normalised form, also when paths alternate")
    func cache() {
        let cache = MatchedPathCache()
        func matched(_ path: String) -> String {
            Array(path.utf8).withUnsafeBufferPointer { buffer in
                cache.withMatchedPath(buffer) { String(decoding: $0, as: UTF8.self) }
            }
        }
        #expect(matched("//a/%62") == "/a/b")
        #expect(matched("/x/../y") == "/y")
        #expect(matched("//a/%62") == "/a/b")
        #expect(matched("/plain") == "/plain")
        #expect(matched("/x/../y") == "/y")
    }

    @Test("a configured prefix is read in the same form: an encoded prefix still matches")
    func configuredPrefix() throws {
        #expect(RequestPath.normalized(prefix: "/api/v1/stra%C3%9Fe") == "/api/v1/straße")
        #expect(RequestPath.normalized(prefix: "/api/") == "/api/")
        let configuration = try ConfigurationLoader.parse(text: """
            [count]
            paths = ["//api/"]
            [[scope]]
            name = "street"
            paths = ["/api/v1/stra%C3%9Fe"]
            """)
        #expect(configuration.count.paths == ["/api/"])
        #expect(configuration.scopes.first?.paths == ["/api/v1/straße"])
    }
}
