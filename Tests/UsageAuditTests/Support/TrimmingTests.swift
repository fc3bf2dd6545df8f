import Testing
@testable import UsageAudit

@Suite("trimmingCharacters")
struct TrimmingTests {
    @Test("whitespace goes from both ends, ASCII or not; inner text and marks stay", arguments: [
        ("key", "key"), (" key ", "key"), ("\tkey\r\n", "key"), ("a b", "a b"), ("", ""), ("   ", ""),
        ("\u{A0}name\u{A0}", "name"), ("name\u{2028}", "name"), ("\u{3000}名前", "名前"), ("cafe\u{301}", "cafe\u{301}"),
        ("\u{301}x", "\u{301}x"), ("0006223a00333be6f3c209ddef305a4e", "0006223a00333be6f3c209ddef305a4e"), ("~", "~"),
        ("!x ", "!x"),
    ])
    func trims(text: String, trimmed: String) {
        #expect(text.trimmingCharacters() == trimmed)
        #expect(text.trimmingCharacters().utf8.elementsEqual(trimmed.utf8))
        #expect(text[...].trimmingCharacters() == trimmed)
    }
}
