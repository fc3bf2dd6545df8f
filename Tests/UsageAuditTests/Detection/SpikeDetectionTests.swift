import Foundation
import Testing
@testable import UsageAudit

@Suite("Spike detection")
struct SpikeDetectionTests {
    typealias Fixture = DetectionFixture

    @Test("A planted spike is found once, in its scope, with its evidence")
    func plantedSpike() throws {
        var fixture = Fixture()
        let start = Fixture.monday.adding(days: -35)
        fixture.series("ana", from: start, Fixture.noisy(35, level: 40, sigma: 0.2, seed: 1))
        fixture.use("ana", on: Fixture.monday, units: 4800)
        let findings = fixture.anomalies(judging: [Fixture.monday]).filter { $0.user == "ana" }
        // The spike is geo's; `all` is the same use and reports only its limit.
        #expect(findings.map { "\($0.scope):\($0.kind.rawValue)" } == ["all:near_limit", "geo:spike"])
        let spike = try #require(findings.last)
        #expect(spike.observed == 4800)
        #expect(spike.period == .day)
        #expect(spike.bucket == DayRange(start: Fixture.monday, end: Fixture.monday.adding(days: 1)))
        let baseline = try #require(spike.baseline)
        #expect(baseline > 30 && baseline < 55)
        #expect(try #require(spike.score) >= SpikeTest.minimumScore)
        #expect(spike.limit == nil)
        #expect(spike.detail.hasPrefix("4,800 requests vs a usual "))
        #expect(spike.detail.contains("(median of 28 days)"))
        #expect(spike.detail.contains("× baseline"))
    }

    @Test("Without scope rules the spike is reported on all, with the share of the limit")
    func spikeOnAll() throws {
        var fixture = Fixture(scopes: false)
        let start = Fixture.monday.adding(days: -28)
        fixture.series("ana", scope: 0, from: start, Array(repeating: 41, count: 28))
        fixture.use("ana", scope: 0, on: Fixture.monday, units: 4800)
        let findings = fixture.anomalies(judging: [Fixture.monday])
        #expect(findings.map { "\($0.scope):\($0.kind.rawValue)" } == ["all:spike", "all:near_limit"])
        let spike = findings[0]
        #expect(spike.limit == 5000)
        #expect(spike.baseline == 41)
        #expect(spike.detail == "4,800 requests vs a usual 41 (median of 28 days): 117× baseline, 96% of the 5,000 daily limit")
    }

    @Test("Units that are not requests are called units")
    func unitsWording() throws {
        var fixture = Fixture(scopes: false)
        let start = Fixture.monday.adding(days: -28)
        for offset in 0..<28 { fixture.use("ana", scope: 0, on: start.adding(days: offset), units: 300, requests: 10) }
        fixture.use("ana", scope: 0, on: Fixture.monday, units: 3000, requests: 100)
        let spike = try #require(fixture.anomalies(judging: [Fixture.monday]).first)
        #expect(spike.kind == .spike)
        #expect(spike.detail.hasPrefix("3,000 units vs a usual 300 (median of 28 days): 10× baseline, 60% of the"))
    }

    @Test("Weekday rhythm: weekend zeros and a normal Monday are no spike, nor is a Saturday worked as a weekday")
    func weeklyRhythm() {
        var fixture = Fixture()
        let start = Fixture.monday.adding(days: -35)
        var random = SeededRandom(seed: 7)
        for offset in 0..<35 {
            let day = start.adding(days: offset)
            guard day.isoWeekday <= 5 else { continue }
            fixture.use("bo", on: day, units: Int64(1000 * exp(0.15 * Fixture.normal(&random))))
        }
        fixture.use("bo", on: Fixture.monday, units: 1080)
        fixture.use("bo", on: Fixture.monday.adding(days: 5), units: 950)  // a Saturday
        let days = (0..<7).map { Fixture.monday.adding(days: $0) }
        #expect(fixture.kinds(of: "bo", judging: days).isEmpty)
    }

    @Test("A weekly batch day is judged against the same weekday and is no spike")
    func weeklyBatch() {
        var fixture = Fixture()
        let start = Fixture.monday.adding(days: -35)
        for offset in 0...35 {
            let day = start.adding(days: offset)
            fixture.use("cy", on: day, units: day.isoWeekday == 1 ? 3000 : 100)
        }
        #expect(fixture.kinds(of: "cy", judging: [Fixture.monday]).isEmpty)
        // The same 3,000 on a Tuesday is out of character.
        fixture.use("cy", on: Fixture.monday.adding(days: 1), units: 2900)
        #expect(fixture.kinds(of: "cy", judging: [Fixture.monday.adding(days: 1)]) == ["geo:spike"])
    }

    @Test("Zero days: a user with many days off is judged on the days with use")
    func zeroDays() {
        var fixture = Fixture()
        let start = Fixture.monday.adding(days: -35)
        var random = SeededRandom(seed: 11)
        for offset in 0..<35 where !random.chance(0.35) {
            fixture.use("di", on: start.adding(days: offset), units: Int64(200 * exp(0.2 * Fixture.normal(&random))))
        }
        fixture.use("di", on: Fixture.monday, units: 230)
        fixture.use("di", on: Fixture.monday.adding(days: 2), units: 2400)
        let days = (0..<3).map { Fixture.monday.adding(days: $0) }
        let findings = fixture.anomalies(judging: days).filter { $0.user == "di" }
        #expect(findings.map(\.kind) == [.spike])
        #expect(findings.first?.bucket.start == Fixture.monday.adding(days: 2))
    }

    @Test("A sparse user's usual active day is no spike; ten times it is")
    func sparseUser() {
        var fixture = Fixture()
        let start = Fixture.monday.adding(days: -35)
        for offset in stride(from: 0, to: 35, by: 5) { fixture.use("ed", on: start.adding(days: offset), units: 60) }
        fixture.use("ed", on: Fixture.monday, units: 70)
        #expect(fixture.kinds(of: "ed", judging: [Fixture.monday]).isEmpty)
        fixture.use("ed", on: Fixture.monday.adding(days: 1), units: 600)
        let findings = fixture.anomalies(judging: [Fixture.monday.adding(days: 1)])
        #expect(findings.map(\.kind) == [.spike])
        #expect(findings.first?.detail.contains("median of the 6 active days in 28") == true)
    }

    @Test("Small numbers are no spike however large the ratio (0 → 3, 4 → 40 calls)")
    func smallNumbers() {
        var fixture = Fixture()
        let start = Fixture.monday.adding(days: -30)
        fixture.series("fa", from: start, Array(repeating: 4, count: 30))
        fixture.use("fa", on: Fixture.monday, units: 40)
        fixture.use("go", on: start, units: 1)
        fixture.use("go", on: Fixture.monday, units: 3)
        #expect(fixture.anomalies(judging: [Fixture.monday]).isEmpty)
    }

    @Test("A steady heavy user near the limit gets near_limit every day and never a spike")
    func steadyHeavyUser() throws {
        var fixture = Fixture()
        let start = Fixture.monday.adding(days: -40)
        var random = SeededRandom(seed: 3)
        let units = (0..<54).map { _ in Int64.random(in: 4500...4900, using: &random) }
        fixture.series("hu", from: start, units)
        let days = (26..<54).map { start.adding(days: $0) }
        let findings = fixture.anomalies(judging: days)
        #expect(!findings.contains { $0.kind == .spike })
        #expect(findings.count == days.count)
        #expect(findings.allSatisfy { $0.kind == .nearLimit && $0.scope == "all" && $0.limit == 5000 })
        let last = try #require(findings.last)
        #expect(last.detail.contains("of the 5,000 daily limit; usually 4,"))
        #expect(last.baseline != nil)
    }

    @Test("Huge unit counts never trap, and their spikes carry capped scores")
    func hugeUnits() throws {
        var fixture = Fixture()
        let start = Fixture.monday.adding(days: -30)
        fixture.series("ig", from: start, Array(repeating: 100, count: 30))
        fixture.use("ig", on: start.adding(days: 3), units: .max)
        fixture.use("ig", scope: Fixture.iso, on: start.adding(days: 3), units: .max, rejected: .max)
        fixture.use("ig", on: Fixture.monday, units: .max, requests: 1)
        fixture.use("ig", scope: Fixture.iso, on: Fixture.monday, units: .max, rejected: .max)
        fixture.use("jo", on: Fixture.monday, units: .max)
        fixture.use("jo", scope: Fixture.other, on: Fixture.monday, units: .max)
        let findings = fixture.anomalies(judging: [Fixture.monday.adding(days: -1), Fixture.monday])
        let spike = try #require(findings.first { $0.user == "ig" && $0.kind == .spike })
        #expect(spike.observed == .max)
        #expect(try #require(spike.score) <= CountTail.scoreCap)
        #expect(findings.contains { $0.user == "ig" && $0.scope == "all" && $0.kind == .limitReached && $0.observed == .max })
        #expect(findings.contains { $0.user == "jo" && $0.kind == .newHeavyUser })
        #expect(findings.allSatisfy { !$0.detail.isEmpty && ($0.score.map { !$0.isNaN } ?? true) })
    }
}
