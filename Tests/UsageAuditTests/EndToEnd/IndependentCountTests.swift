import Foundation
import Testing

/// The binary against an expectation computed in the test from seeded synthetic traffic
/// (DST days in Berlin and New York, ± UTC offsets, three ways to name a user, unknown
/// keys, weighted costs, 429s, excluded paths and statuses, gzip members, a truncated
/// gzip, malformed lines, quotas on day, week, month, month@31 and 30d).
@Suite("Independent computation on synthetic logs")
struct IndependentCountTests {
    @Test("every usage.csv row equals the independent expectation", arguments: SyntheticTraffic.zones)
    func usageRowsMatchExpectation(zone: String) throws {
        let fixture = try SyntheticRun.make(zone: zone)
        defer { fixture.remove() }
        #expect(!fixture.run.terminatedBySignal, "\(fixture.run.summary)")
        let expected = TrafficExpectation.usageRows(for: fixture.logs.readableRequests, clock: fixture.clock)
        // The expectation itself covers what the test is about.
        #expect(expected.count > 500)
        #expect(Set(expected.keys.map(\.period)) == ["day", "week", "month", "month@31", "30d"])
        #expect(expected.values.contains { $0.remaining == "0" }, "some user should exceed a limit")

        let usage = try fixture.usage()
        let problems = usage.differences(from: expected)
        let matches = problems.isEmpty
        #expect(matches, "usage.csv (\(zone)) differs from the expectation:\n\(problems.joined(separator: "\n"))")
    }

    @Test("the DST days' buckets carry the offsets of their own midnights", arguments: SyntheticTraffic.zones)
    func daylightSavingBuckets(zone: String) throws {
        let fixture = try SyntheticRun.make(zone: zone)
        defer { fixture.remove() }
        let days = try fixture.usage().rows.filter { $0.key.scope == "all" && $0.key.period == "day" }
        let ends = Dictionary(days.map { ($0.key.periodStart, $0.value.periodEnd) }, uniquingKeysWith: { first, _ in first })
        // Written out by hand from the zones' rules, not computed.
        let expectations = zone == "Europe/Berlin"
            ? [("2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00"),
               ("2026-03-30T00:00:00+02:00", "2026-03-31T00:00:00+02:00"),
               ("2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"),
               ("2026-10-26T00:00:00+01:00", "2026-10-27T00:00:00+01:00")]
            : [("2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00"),
               ("2026-03-09T00:00:00-04:00", "2026-03-10T00:00:00-04:00"),
               ("2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00"),
               ("2026-11-02T00:00:00-05:00", "2026-11-03T00:00:00-05:00")]
        for (start, end) in expectations {
            #expect(ends[start] == end, "day bucket starting \(start) in \(zone)")
        }
    }

    @Test("requests at and around midnight of DST days land in the right local day", arguments: SyntheticTraffic.zones)
    func handPlacedMidnightRequests(zone: String) throws {
        let fixture = try SyntheticRun.make(zone: zone)
        defer { fixture.remove() }
        try #require(fixture.logs.readableRequests.filter { $0.remoteUser == "midnight" }.count == SyntheticTraffic.midnightRequests.count)
        let rows = try fixture.usage().rows.filter { $0.key.user == "midnight" }
        func requests(_ scope: String, _ period: String) -> [String: String] {
            var result: [String: String] = [:]
            for (key, values) in rows where key.scope == scope && key.period == period {
                result[key.periodStart + " → " + values.periodEnd] = values.requests
            }
            return result
        }
        // Worked out by hand from SyntheticTraffic.midnightRequests.
        if zone == "Europe/Berlin" {
            #expect(requests("all", "day") == [
                "2026-03-09T00:00:00+01:00 → 2026-03-10T00:00:00+01:00": "1",
                "2026-03-28T00:00:00+01:00 → 2026-03-29T00:00:00+01:00": "1",
                "2026-03-29T00:00:00+01:00 → 2026-03-30T00:00:00+02:00": "1",
                "2026-03-30T00:00:00+02:00 → 2026-03-31T00:00:00+02:00": "1",
                "2026-10-25T00:00:00+02:00 → 2026-10-26T00:00:00+01:00": "1",
                "2026-11-02T00:00:00+01:00 → 2026-11-03T00:00:00+01:00": "1",
            ])
            #expect(requests("search", "month@31") == [
                "2026-02-28T00:00:00+01:00 → 2026-03-31T00:00:00+02:00": "4",
                "2026-09-30T00:00:00+02:00 → 2026-10-31T00:00:00+01:00": "1",
                "2026-10-31T00:00:00+01:00 → 2026-11-30T00:00:00+01:00": "1",
            ])
            #expect(requests("all", "week")["2026-03-23T00:00:00+01:00 → 2026-03-30T00:00:00+02:00"] == "2")
        } else {
            #expect(requests("all", "day") == [
                "2026-03-09T00:00:00-04:00 → 2026-03-10T00:00:00-04:00": "1",
                "2026-03-28T00:00:00-04:00 → 2026-03-29T00:00:00-04:00": "2",
                "2026-03-29T00:00:00-04:00 → 2026-03-30T00:00:00-04:00": "1",
                "2026-10-25T00:00:00-04:00 → 2026-10-26T00:00:00-04:00": "1",
                "2026-11-01T00:00:00-04:00 → 2026-11-02T00:00:00-05:00": "1",
            ])
            #expect(requests("all", "month")["2026-11-01T00:00:00-04:00 → 2026-12-01T00:00:00-05:00"] == "1")
            #expect(requests("search", "month@31")["2026-02-28T00:00:00-05:00 → 2026-03-31T00:00:00-04:00"] == "4")
        }
    }

    @Test("summary.json counts every input, quotes malformed lines and names the gzip damage (exit 4)")
    func summaryCountsEveryInput() throws {
        let fixture = try SyntheticRun.make(zone: "Europe/Berlin")
        defer { fixture.remove() }
        let run = fixture.run
        #expect(run.exitCode == 4 && !run.terminatedBySignal, "a truncated gzip means exit 4: \(run.summary)")
        #expect(run.stderr.contains("access.log.3.gz") && run.stderr.lowercased().contains("truncat"),
                "stderr names the damaged file and the damage: \(run.stderr)")

        let summary = try fixture.summary()
        #expect(summary["timezone"] as? String == "Europe/Berlin")
        let latest = fixture.logs.readableRequests.map(\.time).max()!
        #expect(summary["as_of"] as? String == fixture.clock.rfc3339(latest), "as-of defaults to the latest request")

        let malformedCount = fixture.logs.inputs.reduce(0) { $0 + $1.malformed.count }
        let totals = try JSONFile.object(summary, "totals")
        let expectedTotals = TrafficExpectation.totals(for: fixture.logs.readableRequests, malformed: malformedCount)
        for (key, value) in expectedTotals.sorted(by: { $0.key < $1.key }) where key != "rejected" || totals[key] != nil {
            #expect(JSONFile.integer(totals, key) == value, "totals.\(key)")
        }

        let inputs = try JSONFile.objects(summary, "inputs")
        #expect(inputs.count == fixture.logs.inputs.count)
        for input in fixture.logs.inputs {
            guard let reported = inputs.first(where: { $0["path"] as? String == input.path }) else {
                Issue.record("summary.json has no input \(input.path); it has \(inputs.map { $0["path"] ?? "?" })")
                continue
            }
            try checkInput(reported, against: input, clock: fixture.clock)
        }
    }

    private func checkInput(_ reported: [String: Any], against input: SyntheticLogSet.Input, clock: ZoneClock) throws {
        let counts = TrafficExpectation.totals(for: input.requests, malformed: input.malformed.count)
        for key in ["lines", "parsed", "malformed"] {
            #expect(JSONFile.integer(reported, key) == counts[key], "\(input.path): \(key)")
        }
        #expect(JSONFile.integer(reported, "bytes") == input.fileSize, "\(input.path): bytes read")
        let times = input.requests.map(\.time)
        #expect(reported["first"] as? String == times.min().map(clock.rfc3339), "\(input.path): first")
        #expect(reported["last"] as? String == times.max().map(clock.rfc3339), "\(input.path): last")
        if input.isDamaged {
            let error = reported["error"] as? String ?? ""
            #expect(error.lowercased().contains("truncat"), "\(input.path): error should name the truncation, is \(reported["error"] ?? "nil")")
        } else {
            #expect(reported["error"] is NSNull, "\(input.path): error should be null, is \(reported["error"] ?? "missing")")
        }
        let samples = try JSONFile.objects(reported, "malformed_samples")
        #expect(samples.count <= input.malformed.count)
        #expect(samples.count >= min(3, input.malformed.count), "\(input.path): the first malformed lines are quoted")
        for (sample, line) in zip(samples, input.malformed) {
            #expect(JSONFile.integer(sample, "line") == line.line, "\(input.path): malformed sample line number")
            #expect((sample["file"] as? String)?.hasSuffix(input.path) == true, "\(input.path): malformed sample file is \(sample["file"] ?? "nil")")
            let quoted = Array(line.bytes.prefix(200))
            if quoted.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
                #expect(sample["text"] as? String == String(decoding: quoted, as: UTF8.self), "\(input.path):\(line.line) quoted text (cut to 200 bytes)")
            }
        }
    }

    @Test("unknown keys are reported as key:PREFIX…#FINGERPRINT and no full key appears in any report")
    func unknownKeysAreMasked() throws {
        let fixture = try SyntheticRun.make(zone: "Europe/Berlin")
        defer { fixture.remove() }
        let users = Set(try fixture.usage().rows.keys.map(\.user))
        #expect(users.contains(MaskedKey.label(SyntheticTraffic.unknownHeaderKey)))
        #expect(users.contains(MaskedKey.label(SyntheticTraffic.unknownQueryKey)))
        #expect(users.contains { $0.hasPrefix("key:zq81Xc…#") } && users.contains { $0.hasPrefix("key:Q+7/xY…#") })
        #expect(users.isSuperset(of: ["alice", "bob", "carol", "dave", "erin", "midnight"]))
        #expect(users.count == 8, "no other user: \(users.sorted())")

        let secrets = SyntheticTraffic.keys.map(\.key)
            + [SyntheticTraffic.unknownHeaderKey, SyntheticTraffic.unknownQueryKey, SyntheticTraffic.unknownQueryKeyEncoded]
        for name in try fixture.folder.entries(of: "out") {
            let text = try fixture.report(name)
            let shown = secrets.filter { text.contains($0) }
            #expect(shown.isEmpty, "\(name) shows the full keys \(shown)")
        }
    }
}
