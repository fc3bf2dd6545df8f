import Foundation
import Testing

/// The sample run against the sample generator's own records of what it wrote
/// (`samples/expected/usage-counts.csv` and `totals.json`, see samples/README.md).
@Suite("Sample run against the generator's truth")
struct SampleTruthTests {
    @Test("usage.csv has exactly the rows of expected/usage-counts.csv")
    func usageMatchesGeneratorCounts() throws {
        let fresh = try SamplesRun.shared.get()
        let usage = try ReportedUsage(csv: fresh.text("usage.csv"))
        let truth = try String(contentsOf: RepositoryLayout.sampleExpectations().appendingPathComponent("usage-counts.csv"), encoding: .utf8)
        // The run audits samples/profiles.csv: a user's stored limit replaces the quota default.
        let store = try String(contentsOf: RepositoryLayout.requireRoot().appendingPathComponent("samples/profiles.csv"), encoding: .utf8)
        var storedLimits: [String: String] = [:]
        for row in try CSVText(store).records where !(row["limit"] ?? "").isEmpty {
            storedLimits[row["user"]! + "|" + row["scope"]! + "|" + row["period"]!] = row["limit"]!
        }
        var expected: [ReportedUsage.Key: ReportedUsage.Values] = [:]
        for row in try CSVText(truth).records {
            let key = ReportedUsage.Key(user: row["user"]!, scope: row["scope"]!, period: row["period"]!, periodStart: row["period_start"]!)
            let limit = storedLimits[row["user"]! + "|" + row["scope"]! + "|" + row["period"]!] ?? row["limit"] ?? ""
            let remaining = Int(limit).flatMap { $0 < 0 ? nil : String(max(0, $0 - Int(row["units"]!)!)) } ?? ""
            expected[key] = ReportedUsage.Values(
                periodEnd: row["period_end"]!, requests: row["requests"]!, units: row["units"]!,
                rejected: row["rejected"]!, limit: limit, remaining: remaining)
        }
        #expect(expected.count > 1000)
        let problems = usage.differences(from: expected)
        let matches = problems.isEmpty
        #expect(matches, "usage.csv differs from samples/expected/usage-counts.csv:\n\(problems.joined(separator: "\n"))")
        // Formula-like user names are neutralised in the CSV, and only those.
        for raw in usage.rawUsers {
            let user = CSVText.unneutralised(raw)
            let isFormula = user.first.map { "=+-@\t\r".contains($0) } ?? false
            #expect(raw == (isFormula ? "'" + user : user), "user cell \(raw)")
        }
        #expect(usage.rawUsers.contains("'=SUM(A1:A9)") && usage.rawUsers.contains("'+4915112345678"))
    }

    @Test("summary.json totals and inputs equal expected/totals.json")
    func summaryMatchesGeneratorTotals() throws {
        let fresh = try SamplesRun.shared.get()
        let summary = try JSONFile.object(Data(fresh.text("summary.json").utf8), name: "summary.json")
        let truthData = try Data(contentsOf: RepositoryLayout.sampleExpectations().appendingPathComponent("totals.json"))
        let truth = try JSONFile.object(truthData, name: "totals.json")

        #expect(summary["as_of"] as? String == truth["as_of"] as? String)
        #expect(summary["timezone"] as? String == truth["timezone"] as? String)
        let totals = try JSONFile.object(summary, "totals")
        for (key, value) in try JSONFile.object(truth, "totals").sorted(by: { $0.key < $1.key }) {
            #expect(JSONFile.integer(totals, key) == value as? Int, "totals.\(key)")
        }
        if totals["users"] != nil {
            #expect(JSONFile.integer(totals, "users") == JSONFile.integer(truth, "users"), "totals.users")
        }
        let inputs = try JSONFile.objects(summary, "inputs")
        let truthInputs = try JSONFile.objects(truth, "inputs")
        #expect(inputs.count == truthInputs.count)
        for expected in truthInputs {
            let path = expected["path"] as? String ?? "?"
            guard let reported = inputs.first(where: { ($0["path"] as? String) == "samples/" + path }) else {
                Issue.record("summary.json has no input samples/\(path)")
                continue
            }
            for key in ["bytes", "lines", "parsed", "malformed"] {
                #expect(JSONFile.integer(reported, key) == JSONFile.integer(expected, key), "\(path): \(key)")
            }
            for key in ["first", "last"] {
                #expect(reported[key] as? String == expected[key] as? String, "\(path): \(key)")
            }
            #expect(reported["error"] is NSNull, "\(path): no damage")
            let samples = (reported["malformed_samples"] as? [[String: Any]]) ?? []
            #expect(samples.count == JSONFile.integer(expected, "malformed"), "\(path): malformed lines quoted")
        }
    }

    @Test("the planted stories show in usage.csv with their exact numbers")
    func plantedStories() throws {
        let fresh = try SamplesRun.shared.get()
        let rows = try ReportedUsage(csv: fresh.text("usage.csv")).rows
        let truth = try JSONFile.object(Data(contentsOf: RepositoryLayout.sampleExpectations().appendingPathComponent("totals.json")), name: "totals.json")
        let stories = try JSONFile.object(truth, "stories")
        func day(_ user: String, _ date: String) -> ReportedUsage.Values? {
            rows[ReportedUsage.Key(user: user, scope: "all", period: "day", periodStart: "\(date)T00:00:00+01:00")]
        }

        let nearLimit = try JSONFile.object(stories, "near_limit")
        let perDay = try JSONFile.object(nearLimit, "units_per_day")
        for (date, units) in perDay {
            #expect(day("j.weber", date)?.units == "\(units)", "j.weber on \(date)")
        }
        #expect(day("j.weber", "2026-11-20")?.limit == "5000" && day("j.weber", "2026-11-20")?.remaining == "188")

        let reached = try JSONFile.object(stories, "limit_reached")
        let bulk = day("stadtwerke-gis", "2026-11-18")
        #expect(bulk?.units == "\(JSONFile.integer(reached, "units") ?? -1)" && bulk?.rejected == "\(JSONFile.integer(reached, "rejected") ?? -1)")
        #expect(bulk?.remaining == "0")

        let blocked = try JSONFile.object(stories, "blocked_under_limit")
        #expect(day("fleetwise", "2026-11-17")?.rejected == "\(JSONFile.integer(blocked, "rejected") ?? -1)")

        for (user, months) in try JSONFile.object(stories, "isolines_overage") {
            let units = (months as? [String: Any])?["november"] ?? months
            let month = rows[ReportedUsage.Key(user: user, scope: "isolines", period: "month", periodStart: "2026-11-01T00:00:00+01:00")]
            #expect(month?.units == "\(units)", "\(user) isolines in November")
            #expect(month?.limit == "2000")
        }
    }
}
