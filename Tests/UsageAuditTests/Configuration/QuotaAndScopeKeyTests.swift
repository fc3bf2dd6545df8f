import Testing
@testable import UsageAudit

@Suite("[[quota]] and [[scope]] keys")
struct QuotaAndScopeKeyTests {
    private func error(_ text: String) -> ConfigurationError? {
        do {
            _ = try ConfigurationLoader.parse(text: text)
            return nil
        } catch {
            return error
        }
    }

    @Test("a misspelt required key is reported as unknown, with a suggestion, not as missing")
    func misspeltRequiredKey() {
        let text = "[[quota]]\nscope = \"all\"\nperiode = \"day\"\n"
        #expect(error(text) == .unknownKey(key: "quota[0].periode", line: 3, suggestion: "quota[0].period"))
        let scope = "[[scope]]\nnam = \"geo\"\npaths = [\"/geo\"]\n"
        #expect(error(scope) == .unknownKey(key: "scope[0].nam", line: 2, suggestion: "scope[0].name"))
    }

    @Test("an anchor may be a TOML date or a quoted date")
    func anchorSpellings() throws {
        for anchor in ["2026-01-05", "\"2026-01-05\""] {
            let configuration = try ConfigurationLoader.parse(text: "[[quota]]\nperiod = \"30d\"\nanchor = \(anchor)\n")
            #expect(configuration.quotas.first?.period == .days(30, anchor: LocalDay(CivilDate(year: 2026, month: 1, day: 5))))
        }
        #expect(error("[[quota]]\nperiod = \"30d\"\nanchor = \"soon\"\n") != nil)
    }
}
