import Foundation
import Testing
@testable import UsageAudit

/// Precision and recall of `spike` on a seeded population like `scripts/evaluate-detection`
/// generates (there as logs, here as daily counts): 300 users over six weeks — light,
/// heavy, sparse, office-hours, weekly-batch and steady users at 90–98 % of a 5,000 limit —
/// with spikes of 5–50× and one-off bulk jobs planted in the last three weeks.
@Suite("Planted spikes")
struct PlantedSpikeTests {
    typealias Fixture = DetectionFixture

    struct Key: Hashable {
        var user: String
        var day: LocalDay
    }

    struct Population {
        var fixture = Fixture()
        var planted = Set<Key>()
        var steadyUsers = Set<String>()
        var judgedDays: [LocalDay] = []
    }

    static let start = Fixture.monday.adding(days: -41)
    static let dayCount = 42

    static func population(seed: UInt64) -> Population {
        var population = Population()
        var random = SeededRandom(seed: seed)
        let kinds = ["light", "light", "light", "heavy", "sparse", "office", "office", "batch", "steady", "noisy"]
        for index in 0..<300 {
            let user = "u\(index)"
            let kind = kinds[index % kinds.count]
            let level: Double
            switch kind {
            case "light": level = Double.random(in: 20...200, using: &random)
            case "heavy": level = Double.random(in: 300...900, using: &random)
            case "sparse": level = Double.random(in: 30...300, using: &random)
            case "steady": level = Double.random(in: 4600...4800, using: &random)
            default: level = Double.random(in: 30...600, using: &random)
            }
            let sigma = kind == "noisy" ? 0.45 : Double.random(in: 0.1...0.3, using: &random)
            if kind == "steady" { population.steadyUsers.insert(user) }
            // A spike on 1 user in 4 (bulk jobs of 1–3 days on 1 in 3 of those), in the last
            // three weeks, where 5× still fits under the limit.
            var spikeDays: [Int: Double] = [:]
            if kind != "steady", index % 4 == 1, level * 5 <= 4900, level * 4 >= 60 {
                var first = Int.random(in: 21..<dayCount, using: &random)
                // A batch user's Monday is six times the usual day: plant on another day.
                while kind == "batch" && start.adding(days: first).isoWeekday == 1 { first = Int.random(in: 21..<dayCount, using: &random) }
                let multiplier = min(Double.random(in: 5...50, using: &random), 4900 / level)
                let length = index % 3 == 0 && kind != "batch" ? Int.random(in: 1...3, using: &random) : 1
                for offset in first..<min(dayCount, first + length) { spikeDays[offset] = multiplier }
            }
            for offset in 0..<dayCount {
                let day = start.adding(days: offset)
                var units = level * exp(sigma * Fixture.normal(&random))
                switch kind {
                case "sparse": if !random.chance(0.3) { units = 0 }
                case "office": if day.isoWeekday >= 6 { units = 0 }
                case "batch": units *= day.isoWeekday == 1 ? 6 : 1
                case "steady": units = Double.random(in: 0.9...0.98, using: &random) * 5000
                default: if random.chance(0.05) { units = 0 }
                }
                if let multiplier = spikeDays[offset] {
                    units = level * multiplier
                    population.planted.insert(Key(user: user, day: day))
                }
                if units >= 1 { population.fixture.use(user, on: day, units: Int64(units.rounded())) }
            }
        }
        population.judgedDays = (21..<dayCount).map { start.adding(days: $0) }
        return population
    }

    @Test("Planted spikes are found with precision and recall ≥ 0.9, none on steady users", arguments: [1, 2, 3] as [UInt64])
    func precisionAndRecall(seed: UInt64) {
        let population = Self.population(seed: seed)
        let spikes = population.fixture.anomalies(judging: population.judgedDays).filter { $0.kind == .spike }
        let found = Set(spikes.map { Key(user: $0.user, day: $0.bucket.start) })
        let hits = found.intersection(population.planted).count
        let precision = found.isEmpty ? 0 : Double(hits) / Double(found.count)
        let recall = Double(hits) / Double(max(1, population.planted.count))
        let missed = population.planted.subtracting(found).map { "\($0.user)@\($0.day)" }.sorted()
        let extra = found.subtracting(population.planted).map { "\($0.user)@\($0.day)" }.sorted()
        #expect(population.planted.count >= 60)
        #expect(precision >= 0.9, "precision \(precision): not planted \(extra)")
        #expect(recall >= 0.9, "recall \(recall): missed \(missed)")
        #expect(!spikes.contains { population.steadyUsers.contains($0.user) })
    }
}
