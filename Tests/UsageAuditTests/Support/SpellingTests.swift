import Testing
@testable import UsageAudit

@Suite("Spelling")
struct SpellingTests {
    @Test("edit distance counts single-byte insertions, deletions and substitutions")
    func editDistance() {
        #expect(Spelling.editDistance("kitten", "sitting") == 3)
        #expect(Spelling.editDistance("", "abc") == 3)
        #expect(Spelling.editDistance("abc", "") == 3)
        #expect(Spelling.editDistance("paths", "paths") == 0)
        #expect(Spelling.editDistance("pathz", "paths") == 1)
    }

    @Test("suggestions only for plausible typos")
    func suggestions() {
        let known = ["format", "timezone", "json"]
        #expect(Spelling.nearest(to: "fromat", among: known) == "format")
        #expect(Spelling.nearest(to: "time_zone", among: known) == "timezone")
        #expect(Spelling.nearest(to: "jsn", among: known) == "json")
        #expect(Spelling.nearest(to: "upstream", among: known) == nil)
        #expect(Spelling.nearest(to: "x", among: []) == nil)
    }

    @Test("the nearest of several candidates wins")
    func nearestWins() {
        #expect(Spelling.nearest(to: "cont", among: ["run", "count", "reconcile", "explain", "formats"]) == "count")
        #expect(Spelling.nearest(to: "reconcle", among: ["run", "count", "reconcile"]) == "reconcile")
    }
}
