import Testing
@testable import UsageAudit

@Suite("StatusPattern and CountSettings.consumes")
struct StatusPatternTests {
    @Test("codes and classes parse; anything else does not", arguments: [
        ("200", StatusPattern.code(200)),
        ("599", .code(599)),
        ("100", .code(100)),
        ("2xx", .statusClass(2)),
        ("4XX", .statusClass(4)),
        ("1xx", .statusClass(1)),
        ("5xx", .statusClass(5)),
    ])
    func parses(text: String, expected: StatusPattern) {
        #expect(StatusPattern(text) == expected)
    }

    @Test("refused spellings", arguments: ["", "99", "600", "700", "0xx", "6xx", "xx", "2x", "2xxx", "abc", "-200", "20 0", "x2x"])
    func refuses(text: String) {
        #expect(StatusPattern(text) == nil)
    }

    @Test("a code matches only itself; a class its hundred")
    func matching() {
        #expect(StatusPattern.code(404).matches(404))
        #expect(!StatusPattern.code(404).matches(405))
        let success = StatusPattern.statusClass(2)
        #expect(success.matches(200))
        #expect(success.matches(204))
        #expect(success.matches(299))
        #expect(!success.matches(199))
        #expect(!success.matches(300))
        #expect(!success.matches(0))
    }

    @Test("by default every status but 429 consumes quota")
    func defaultConsumption() {
        let count = CountSettings()
        for status in [0, 200, 201, 301, 400, 404, 500, 503] {
            #expect(count.consumes(status: status), "status \(status)")
        }
        #expect(!count.consumes(status: 429))
    }

    @Test("an allow-list of classes: only those consume, exclusions still apply")
    func allowList() {
        let count = CountSettings(excludeStatus: [.code(429), .code(204)], status: [.statusClass(2), .code(304)])
        #expect(count.consumes(status: 200))
        #expect(count.consumes(status: 201))
        #expect(count.consumes(status: 304))
        #expect(!count.consumes(status: 204))
        #expect(!count.consumes(status: 302))
        #expect(!count.consumes(status: 404))
        #expect(!count.consumes(status: 429))
        #expect(!count.consumes(status: 500))
    }

    @Test("an empty exclude list makes 429 consume")
    func emptyExclusions() {
        #expect(CountSettings(excludeStatus: []).consumes(status: 429))
    }

    @Test("excluding a class excludes all of it")
    func excludedClass() {
        let count = CountSettings(excludeStatus: [.statusClass(5)])
        #expect(!count.consumes(status: 500))
        #expect(!count.consumes(status: 503))
        #expect(count.consumes(status: 429))
        #expect(count.consumes(status: 200))
    }
}
