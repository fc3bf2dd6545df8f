import Testing
@testable import UsageAudit

@Suite struct InputDamageTests {
    @Test func describesTruncationWithTheOffsetAndWhatWasCounted() {
        let damage = InputDamage(input: "logs/access.log.2.gz", kind: .truncated, compressedOffset: 1_234_567)
        #expect(damage.description.hasPrefix(
            "logs/access.log.2.gz: gzip data is truncated after 1,234,567 compressed bytes: the lines before the damage were counted"))
    }

    @Test func describesCorruptionWithTheDecodersReason() {
        let damage = InputDamage(input: "-", kind: .corrupt, compressedOffset: 999, detail: "invalid block type")
        #expect(damage.description.hasPrefix("-: gzip data is corrupt at compressed byte 999 (invalid block type)"))
    }

    @Test("a failed CRC-32 or length check says the counted lines may be garbled, not that the rest was skipped", arguments: [
        "incorrect data check", "incorrect length check",
    ])
    func describesAFailedCheck(detail: String) {
        let damage = InputDamage(input: "c.gz", kind: .corrupt, compressedOffset: 11_132, detail: detail)
        #expect(damage.description.hasPrefix("c.gz: gzip data fails its check at compressed byte 11,132 (\(detail)): what it decoded is damaged"))
        #expect(damage.description.contains("some counts may be wrong"))
        #expect(!damage.description.contains("the rest of the file was skipped"))
    }

    @Test(arguments: [(0, "0"), (12, "12"), (1_000, "1,000"), (123_456, "123,456"), (-9_876_543, "-9,876,543")])
    func groupsDigitsByThousands(value: Int64, expected: String) {
        #expect(InputDamage.grouped(value) == expected)
    }
}
