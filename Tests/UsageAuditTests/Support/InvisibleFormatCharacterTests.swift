import Testing
@testable import UsageAudit

@Suite("InvisibleFormatCharacter")
struct InvisibleFormatCharacterTests {
    @Test("bidi controls, zero-width spaces, word joiners and the BOM are shown as <U+XXXX>; other text is kept")
    func shown() {
        #expect(InvisibleFormatCharacter.shown(in: "\u{202E}rebew.j") == "<U+202E>rebew.j")
        #expect(InvisibleFormatCharacter.shown(in: "\u{061C}\u{200E}\u{200F}\u{2060}") == "<U+061C><U+200E><U+200F><U+2060>")
        #expect(InvisibleFormatCharacter.shown(in: "j.weber Müller 東京") == "j.weber Müller 東京")
        #expect(!InvisibleFormatCharacter.contains("\u{200D}") && !InvisibleFormatCharacter.contains("\u{200C}"))
        // The soft hyphen, the combining grapheme joiner, a tag space: j.weber to the eye.
        #expect(InvisibleFormatCharacter.shown(in: "j.web\u{00AD}er j.we\u{034F}ber j.weber\u{E0020}")
            == "j.web<U+00AD>er j.we<U+034F>ber j.weber<U+E0020>")
        // A variation selector after ASCII changes nothing visible; after an emoji it is the emoji's.
        #expect(InvisibleFormatCharacter.shown(in: "a\u{FE0F}b ❤\u{FE0F}") == "a<U+FE0F>b ❤\u{FE0F}")
    }

    @Test("the terminal table shows them too")
    func terminalTable() {
        let table = ReportTable(columns: ["user"], rows: [[.text("\u{202E}rebew.j")]])
        let rendered = TextTableRenderer.render(table)
        #expect(rendered.contains("<U+202E>rebew.j"), "\(rendered)")
    }
}
