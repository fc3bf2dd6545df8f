import Foundation
import Testing
@testable import UsageAudit

@Suite("MetricsReport")
struct MetricsReportTests {
    private static let day = LocalDay(CivilDate(year: 2026, month: 11, day: 20))
    private static let bucket = DayRange(start: day, end: LocalDay(CivilDate(year: 2026, month: 11, day: 21)))

    private static func statistics(path: String, lines: Int64, error: String? = nil) -> InputStatistics {
        var statistics = InputStatistics(path: path)
        statistics.bytes = lines * 100
        statistics.lines = lines
        statistics.parsed = lines - 2
        statistics.malformed = 1
        statistics.ignored = 1
        statistics.unattributed = 2
        statistics.excluded = 3
        statistics.error = error
        return statistics
    }

    /// Two inputs (one damaged), scopes `geocoding` and `scopeName` plus `other`, use in two
    /// of them, three reconciliation findings, one anomaly, one recommendation, one profile.
    private static func outcome(scopeName: String = "routing") -> AuditOutcome {
        let configuration = AuditConfiguration(scopes: [ScopeRule(name: "geocoding"), ScopeRule(name: scopeName)])
        var aggregate = UsageAggregate()
        aggregate.add(UsageCounts(requests: 5, units: 50, rejected: 1, firstSeen: 1, lastSeen: 2), user: "alice", scope: 0, day: day)
        aggregate.add(UsageCounts(requests: 2, units: 20, rejected: 0, firstSeen: 1, lastSeen: 2), user: "bob", scope: 0, day: day)
        aggregate.add(UsageCounts(requests: 4, units: 4, rejected: 2, firstSeen: 1, lastSeen: 2), user: "bob", scope: 2, day: day)
        let result = CountResult(aggregate: aggregate, inputs: [
            statistics(path: "access.log.1", lines: 20),
            statistics(path: "access.log.2.gz", lines: 10, error: "access.log.2.gz: gzip data is truncated"),
        ])
        func finding(_ kind: FindingKind) -> ReconciliationFinding {
            ReconciliationFinding(user: "alice", scope: "all", period: .day, bucket: bucket, field: "used",
                                  stored: 1, recomputed: 2, kind: kind, detail: "")
        }
        var outcome = AuditOutcome(
            configuration: configuration, result: result, asOf: 1_795_219_200, usageRows: [],
            profiles: [StoredProfile(user: "alice", scope: "all", period: .day, used: 1)],
            findings: [finding(.drift), finding(.drift), finding(.orphanProfile)], timings: [])
        outcome.anomalies = [Anomaly(user: "bob", scope: "all", period: .day, bucket: bucket, kind: .spike, observed: 24, detail: "")]
        outcome.recommendations = [Recommendation(user: "alice", scope: "all", period: .day, currentLimit: 10,
                                                  recommendedLimit: 60, action: .raise, reason: "")]
        return outcome
    }

    private static func render(_ outcome: AuditOutcome = outcome(), runSeconds: Double = 12.5) -> String {
        MetricsReport(outcome: outcome, runSeconds: runSeconds, finishedAt: 1_795_228_200).rendered()
    }

    /// The value of the one sample of `name` whose labels are `labels`.
    private static func value(_ families: [PrometheusTextParser.Family], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matches = families.filter { $0.name == name }.flatMap(\.samples).filter { $0.labels == labels }
        return matches.count == 1 ? matches[0].value : nil
    }

    @Test("metrics.prom parses with prometheus_client and holds the run's numbers")
    func parsedByPrometheusClient() throws {
        let families = try PrometheusTextParser.families(of: Self.render())
        let names = families.map(\.name)
        #expect(names == [
            "usage_audit_run_duration_seconds", "usage_audit_last_success_timestamp_seconds",
            "usage_audit_as_of_timestamp_seconds", "usage_audit_inputs", "usage_audit_inputs_damaged",
            "usage_audit_input_bytes", "usage_audit_lines_read", "usage_audit_lines_parsed",
            "usage_audit_lines_malformed", "usage_audit_lines_ignored", "usage_audit_lines_unattributed",
            "usage_audit_lines_excluded", "usage_audit_users", "usage_audit_profiles", "usage_audit_findings",
            "usage_audit_recommendations", "usage_audit_requests", "usage_audit_units", "usage_audit_rejected_requests",
        ])
        for family in families {
            #expect(family.type == "gauge", "\(family.name)")
            #expect(!family.help.isEmpty, "\(family.name)")
            #expect(family.samples.allSatisfy { $0.name == family.name }, "\(family.name)")
            #expect(family.samples.allSatisfy { $0.labels["user"] == nil }, "\(family.name)")
        }
        let expected: [(String, Double)] = [
            ("usage_audit_run_duration_seconds", 12.5), ("usage_audit_last_success_timestamp_seconds", 1_795_228_200),
            ("usage_audit_as_of_timestamp_seconds", 1_795_219_200), ("usage_audit_inputs", 2),
            ("usage_audit_inputs_damaged", 1), ("usage_audit_input_bytes", 3000), ("usage_audit_lines_read", 30),
            ("usage_audit_lines_parsed", 26), ("usage_audit_lines_malformed", 2), ("usage_audit_lines_ignored", 2),
            ("usage_audit_lines_unattributed", 4), ("usage_audit_lines_excluded", 6), ("usage_audit_users", 2),
            ("usage_audit_profiles", 1),
        ]
        for (name, number) in expected {
            #expect(Self.value(families, name) == number, "\(name)")
        }
    }

    @Test("findings list every reconciliation and anomaly kind, zeros included; recommendations every action")
    func findingsAndRecommendations() throws {
        let families = try PrometheusTextParser.families(of: Self.render())
        let findings = try #require(families.first { $0.name == "usage_audit_findings" })
        let expectedLabels = FindingKind.allCases.map { ["category": "reconciliation", "kind": $0.rawValue] }
            + AnomalyKind.allCases.map { ["category": "anomaly", "kind": $0.rawValue] }
        #expect(findings.samples.map(\.labels) == expectedLabels)
        #expect(Self.value(families, "usage_audit_findings", ["category": "reconciliation", "kind": "drift"]) == 2)
        #expect(Self.value(families, "usage_audit_findings", ["category": "reconciliation", "kind": "orphan_profile"]) == 1)
        #expect(Self.value(families, "usage_audit_findings", ["category": "reconciliation", "kind": "stale_reset"]) == 0)
        #expect(Self.value(families, "usage_audit_findings", ["category": "anomaly", "kind": "spike"]) == 1)
        #expect(Self.value(families, "usage_audit_findings", ["category": "anomaly", "kind": "burst"]) == 0)
        #expect(findings.samples.map(\.value).reduce(0, +) == 4)
        let recommendations = try #require(families.first { $0.name == "usage_audit_recommendations" })
        #expect(recommendations.samples.map { $0.labels["action"] } == RecommendationAction.allCases.map(\.rawValue))
        #expect(Self.value(families, "usage_audit_recommendations", ["action": "raise"]) == 1)
        #expect(Self.value(families, "usage_audit_recommendations", ["action": "keep"]) == 0)
    }

    @Test("requests, units and 429s per configured scope and other, without all")
    func perScope() throws {
        let families = try PrometheusTextParser.families(of: Self.render())
        for name in ["usage_audit_requests", "usage_audit_units", "usage_audit_rejected_requests"] {
            let family = try #require(families.first { $0.name == name })
            #expect(family.samples.map { $0.labels["scope"] } == ["geocoding", "routing", "other"], "\(name)")
        }
        #expect(Self.value(families, "usage_audit_requests", ["scope": "geocoding"]) == 7)
        #expect(Self.value(families, "usage_audit_units", ["scope": "geocoding"]) == 70)
        #expect(Self.value(families, "usage_audit_rejected_requests", ["scope": "geocoding"]) == 1)
        #expect(Self.value(families, "usage_audit_requests", ["scope": "routing"]) == 0)
        #expect(Self.value(families, "usage_audit_requests", ["scope": "other"]) == 4)
        #expect(Self.value(families, "usage_audit_rejected_requests", ["scope": "other"]) == 2)
    }

    @Test("a scope name with a quote, a backslash and a newline round-trips through the parser")
    func escapedScopeName() throws {
        let name = "geo \"quoted\" C:\\path\\n\nsecond line"
        let text = Self.render(Self.outcome(scopeName: name))
        #expect(!text.contains("\nsecond line"), "a raw newline would end the sample line")
        let families = try PrometheusTextParser.families(of: text)
        let requests = try #require(families.first { $0.name == "usage_audit_requests" })
        #expect(requests.samples.map { $0.labels["scope"] } == ["geocoding", name, "other"])
        #expect(Self.value(families, "usage_audit_units", ["scope": name]) == 0)
    }

    @Test("a run time that is not finite is written so the parser reads it back")
    func nonFiniteDuration() throws {
        let infinite = try PrometheusTextParser.families(of: Self.render(runSeconds: .infinity))
        #expect(Self.value(infinite, "usage_audit_run_duration_seconds") == .infinity)
        let notANumber = try PrometheusTextParser.families(of: Self.render(runSeconds: .nan))
        #expect(Self.value(notANumber, "usage_audit_run_duration_seconds")?.isNaN == true)
    }

    @Test("rendering is deterministic: HELP and TYPE before the samples, one family each, a final newline")
    func layout() {
        let text = Self.render()
        #expect(text == Self.render())
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        var seen: Set<String> = []
        var current = ""
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("# HELP ") {
                current = String(line.split(separator: " ")[2])
                #expect(seen.insert(current).inserted, "\(current) appears twice")
                #expect(lines[index + 1] == "# TYPE \(current) gauge")
            } else if !line.hasPrefix("# TYPE ") {
                #expect(line.hasPrefix(current + " ") || line.hasPrefix(current + "{"), "\(line) outside its family")
            }
        }
        #expect(seen.count == 19)
        #expect(text.contains("usage_audit_findings{category=\"reconciliation\",kind=\"drift\"} 2\n"))
        #expect(text.contains("usage_audit_last_success_timestamp_seconds 1795228200\n"))
        #expect(text.contains("usage_audit_run_duration_seconds 12.5\n"))
    }
}
