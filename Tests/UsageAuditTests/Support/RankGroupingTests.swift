import Testing
@testable import UsageAudit

@Suite("RankGrouping")
struct RankGroupingTests {
    @Test("groups items by rank, keeping their order within a rank")
    func groups() {
        let ranks = [2, 0, 2, 1, 0, 2, 4]
        let grouping = RankGrouping(count: ranks.count, ranks: 5) { ranks[$0] }
        #expect(grouping.rankCount == 5)
        #expect(Array(grouping.items(ofRank: 0)) == [1, 4])
        #expect(Array(grouping.items(ofRank: 1)) == [3])
        #expect(Array(grouping.items(ofRank: 2)) == [0, 2, 5])
        #expect(grouping.items(ofRank: 3).isEmpty)
        #expect(Array(grouping.items(ofRank: 4)) == [6])
        #expect(RankGrouping(count: 0, ranks: 0) { _ in 0 }.rankCount == 0)
    }
}
