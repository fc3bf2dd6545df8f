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
