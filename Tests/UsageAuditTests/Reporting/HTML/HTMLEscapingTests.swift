import Testing
@testable import UsageAudit

@Suite("HTMLEscaping")
struct HTMLEscapingTests {
    @Test("markup characters become character references")
    func markup() {
        #expect(HTMLEscaping.escaped(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLEscaping.escaped("&amp;") == "&amp;amp;")
    }

    @Test("plain text, tabs, line breaks and non-ASCII are kept")
    func plainText() {
        let text = "j.weber\tMüller 東京 ✓\n4,812 units"
        #expect(HTMLEscaping.escaped(text) == text)
        #expect(HTMLEscaping.escaped("") == "")
    }

    @Test("control characters and noncharacters become U+FFFD")
    func controls() {
        #expect(HTMLEscaping.escaped("a\u{0}b\u{1B}[31mc\r\u{7F}\u{85}") == "a\u{FFFD}b\u{FFFD}[31mc\u{FFFD}\u{FFFD}\u{FFFD}")
        var text = "x"
        text.unicodeScalars.append(Unicode.Scalar(0xFFFE)!)
        text += "y"
        text.unicodeScalars.append(Unicode.Scalar(0xFDD0)!)
        #expect(HTMLEscaping.escaped(text) == "x\u{FFFD}y\u{FFFD}")
    }

    @Test("bidirectional controls and zero-width characters are shown, so that no user name passes for another")
    func invisibleFormatCharacters() {
        // U+202E shows "rebew.j" as "j.weber" in a browser.
        #expect(HTMLEscaping.escaped("\u{202E}rebew.j") == "&lt;U+202E&gt;rebew.j")
        #expect(HTMLEscaping.escaped("\u{200B}j.weber") == "&lt;U+200B&gt;j.weber")
        #expect(HTMLEscaping.escaped("a\u{2066}b\u{2069}\u{FEFF}") == "a&lt;U+2066&gt;b&lt;U+2069&gt;&lt;U+FEFF&gt;")
        // Joiners that scripts and emoji need, and right-to-left text itself, are kept.
        let kept = "می\u{200C}خواهم 👨\u{200D}👩 مرحبا"
        #expect(HTMLEscaping.escaped(kept) == kept)
    }
}
