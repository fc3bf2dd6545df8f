import Foundation
import Testing
@testable import UsageAudit

@Suite("String.hasSameBytes")
struct StringSameBytesTests {
    @Test("equal bytes match; canonically equivalent spellings and prefixes do not")
    func bytes() {
        #expect("".hasSameBytes(as: ""))
        #expect("anna.becker".hasSameBytes(as: "anna" + ".becker"))
        #expect(!"anna".hasSameBytes(as: "anna.becker"))
        #expect(!"anna.beckeR".hasSameBytes(as: "anna.becker"))
        let precomposed = "Zo\u{00EB}"
        let decomposed = "Zoe\u{0308}"
        #expect(precomposed == decomposed)
        #expect(!precomposed.hasSameBytes(as: decomposed))
        // Combining marks in another order: equivalent, the same length, other bytes.
        let marks = "a\u{0301}\u{0323}"
        let swapped = "a\u{0323}\u{0301}"
        #expect(marks == swapped && marks.utf8.count == swapped.utf8.count)
        #expect(!marks.hasSameBytes(as: swapped))
        #expect(marks.hasSameBytes(as: "a\u{0301}\u{0323}"))
    }

    @Test("a bridged string without contiguous bytes is compared too")
    func bridged() {
        let bridged = NSString(string: "ключ-42") as String
        #expect(bridged.hasSameBytes(as: "ключ-42"))
        #expect(!bridged.hasSameBytes(as: "ключ-43"))
    }
}
