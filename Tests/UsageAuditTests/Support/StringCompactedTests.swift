import Testing
@testable import UsageAudit

@Suite("String.compacted()")
struct StringCompactedTests {
    @Test("the same bytes, whatever the text", arguments: [
        "", "a", "fifteen bytes!!", "sixteen bytes!!!",
        "Kelvin \u{212A} and e\u{301} and é: not the same bytes",
        String(repeating: "refused 202 times on 2026-11-16 — ", count: 12),
    ])
    func sameBytes(text: String) {
        let compacted = text.compacted()
        #expect(compacted == text)
        #expect(compacted.hasSameBytes(as: text))
        #expect(Array(compacted.utf8) == Array(text.utf8))
    }

    @Test("an interpolated string, grown as it was built, reads the same once compacted")
    func interpolated() {
        var detail = ""
        for count in 1...40 { detail += "refused \(count) time\(count == 1 ? "" : "s"); " }
        var copy = detail.compacted()
        #expect(copy == detail)
        // A compacted string is a string like any other: it grows again when appended to.
        copy += " and more"
        #expect(copy == detail + " and more")
    }
}
