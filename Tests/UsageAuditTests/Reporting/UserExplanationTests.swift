import Testing
@testable import UsageAudit

@Suite("UserExplanation")
struct UserExplanationTests {
    @Test("the sparkline scales to the top value, with the lowest block for zero")
    func sparkline() {
        #expect(UserExplanation.sparkline([0, 50, 100], top: 100) == "▁▅█")
        #expect(UserExplanation.sparkline([0, 0], top: 0) == "▁▁")
        #expect(UserExplanation.sparkline([200], top: 100) == "█")
    }
}
