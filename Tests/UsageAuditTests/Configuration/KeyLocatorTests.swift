import Testing
@testable import UsageAudit

@Suite("KeyLocator")
struct KeyLocatorTests {
    private static let text = """
        # audit
        timezone = "UTC"

        [log]
          format = "combined"
        # note = 1
        [[scope]]
        name = "a"
        paths = ["/a"]

        [[scope]]
        "name" = "b"
        [log.json]
        time = "ts"
        """

    @Test("keys, headers and array-of-table entries get their lines")
    func lines() {
        let locator = KeyLocator(text: Self.text)
        #expect(locator.line(of: "timezone") == 2)
        #expect(locator.line(of: "log") == 4)
        #expect(locator.line(of: "log.format") == 5)
        #expect(locator.line(of: "scope[0]") == 7)
        #expect(locator.line(of: "scope[0].paths") == 9)
        #expect(locator.line(of: "scope[1]") == 11)
        #expect(locator.line(of: "scope[1].name") == 12)
        #expect(locator.line(of: "log.json.time") == 14)
    }

    @Test("a key that is not written falls back to its table's line; comments are not keys")
    func fallback() {
        let locator = KeyLocator(text: Self.text)
        #expect(locator.line(of: "scope[1].paths") == 11)
        #expect(locator.line(of: "log.note") == 4)
        #expect(locator.line(of: "nowhere") == nil)
        #expect(locator.line(of: "quota[0].period") == nil)
    }

    @Test("lines inside a multi-line string hold no keys; an unknown [[quotas]] and an inline array entry get their lines")
    func stringsAndArrays() {
        let locator = KeyLocator(text: """
            [log]
            format = '''$remote_addr
            timezone = "x" '''
            timezone = "Bad/Zone"
            [[quotas]]
            period = "day"

            [[scope]]
            name = "a"
            quota = [{period = "month@32"}, {period = "day"}]
            """)
        #expect(locator.line(of: "log.timezone") == 4)
        #expect(locator.line(of: "quotas") == 5)
        #expect(locator.line(of: "scope[0].quota[1].period") == 10)
    }
}
