/// `metrics.prom`: one run as Prometheus gauges, for node_exporter's textfile collector.
///
/// Every metric is a gauge named `usage_audit_…`: the file is a snapshot of the last run,
/// replaced by the next one, not a counter that grows. The names follow `summary.json`
/// (`lines`, `parsed`, `malformed`, …). Every finding kind, recommendation action and scope
/// is listed, zeros included, so an alert can compare with 0 instead of testing for a missing
/// series. No label names a user: user names are unbounded and belong in the CSV reports.
/// Families and samples come in a fixed order, so equal outcomes render byte-identically.
public struct MetricsReport {
    public var outcome: AuditOutcome
    /// Wall-clock seconds the whole run took.
    public var runSeconds: Double
    /// When the run finished, in epoch seconds.
    public var finishedAt: Int64

    public init(outcome: AuditOutcome, runSeconds: Double, finishedAt: Int64) {
        self.outcome = outcome
        self.runSeconds = runSeconds
        self.finishedAt = finishedAt
    }

    /// The exposition text, ending in a newline.
    public func rendered() -> String {
        families.map(\.rendered).joined()
    }

    /// The metric families, in the order they are written.
    var families: [PrometheusFamily] {
        runFamilies + inputFamilies + [findingFamily, recommendationFamily] + scopeFamilies
    }

    private var runFamilies: [PrometheusFamily] {
        [
            .gauge("usage_audit_run_duration_seconds",
                   help: "Wall-clock seconds the last usage-audit run took.", value: .number(runSeconds)),
            .gauge("usage_audit_last_success_timestamp_seconds",
                   help: "Unix time at which the last usage-audit run finished writing its reports.",
                   value: .integer(finishedAt)),
            .gauge("usage_audit_as_of_timestamp_seconds",
                   help: "The audit moment of the last run (--as-of, default the latest request time in the logs), as Unix time.",
                   value: .integer(outcome.asOf)),
        ]
    }

    private var inputFamilies: [PrometheusFamily] {
        let result = outcome.result
        let totals = result.totals
        func count(_ name: String, _ help: String, _ value: Int64) -> PrometheusFamily {
            .gauge("usage_audit_" + name, help: help, value: .integer(value))
        }
        return [
            count("inputs", "Inputs (files, or stdin) the last run read.", Int64(result.inputs.count)),
            count("inputs_damaged", "Inputs in which the last run found damage (corrupt or truncated gzip; exit code 4).",
                  Int64(result.damagedInputs.count)),
            count("input_bytes", "Bytes the last run read from its inputs (compressed bytes for gzip).", totals.bytes),
            count("lines_read", "Log lines the last run read.", totals.lines),
            count("lines_parsed", "Log lines that matched the log format.", totals.parsed),
            count("lines_malformed", "Log lines that did not match the log format (the first few are quoted in summary.json).",
                  totals.malformed),
            count("lines_ignored", "Log lines of the format that are no request (W3C headers, blank lines).", totals.ignored),
            count("lines_unattributed", "Parsed requests that no identity source attributed to a user.", totals.unattributed),
            count("lines_excluded", "Parsed requests outside count.paths or of a status that consumes no quota.", totals.excluded),
            count("users", "Distinct users with use in the inputs of the last run.", Int64(result.aggregate.users.count)),
            count("profiles", "Stored counters the last run read from --profiles.", Int64(outcome.profiles.count)),
        ]
    }

    /// Findings per kind: every reconciliation kind, then every anomaly kind.
    private var findingFamily: PrometheusFamily {
        var family = PrometheusFamily.gauge(
            "usage_audit_findings", help: "Findings of the last run per category (reconciliation, anomaly) and kind.")
        var reconciliation: [FindingKind: Int64] = [:]
        for finding in outcome.findings { reconciliation[finding.kind, default: 0] += 1 }
        for kind in FindingKind.allCases {
            family.add(.integer(reconciliation[kind] ?? 0), labels: [("category", "reconciliation"), ("kind", kind.rawValue)])
        }
        var anomalies: [AnomalyKind: Int64] = [:]
        for anomaly in outcome.anomalies { anomalies[anomaly.kind, default: 0] += 1 }
        for kind in AnomalyKind.allCases {
            family.add(.integer(anomalies[kind] ?? 0), labels: [("category", "anomaly"), ("kind", kind.rawValue)])
        }
        return family
    }

    private var recommendationFamily: PrometheusFamily {
        var family = PrometheusFamily.gauge(
            "usage_audit_recommendations", help: "Limit recommendations of the last run per action.")
        var byAction: [RecommendationAction: Int64] = [:]
        for recommendation in outcome.recommendations { byAction[recommendation.action, default: 0] += 1 }
        for action in RecommendationAction.allCases {
            family.add(.integer(byAction[action] ?? 0), labels: [("action", action.rawValue)])
        }
        return family
    }

    /// Requests, units and 429s per scope (every configured scope, then `other`; `all` is
    /// left out: it is the sum, which `sum()` gives).
    private var scopeFamilies: [PrometheusFamily] {
        let names = outcome.configuration.scopeNames
        var perScope = [UsageCounts](repeating: UsageCounts(), count: names.count)
        outcome.result.aggregate.forEachCell { key, counts in
            let index = Int(key.scope)
            // A cell outside the configured scopes is `other`, as in the reports.
            perScope[names.indices.contains(index) ? index : names.count - 1].merge(counts)
        }
        var requests = PrometheusFamily.gauge(
            "usage_audit_requests", help: "Requests that consumed quota in the inputs of the last run, per scope.")
        var units = PrometheusFamily.gauge(
            "usage_audit_units", help: "Quota units consumed in the inputs of the last run, per scope.")
        var rejected = PrometheusFamily.gauge(
            "usage_audit_rejected_requests", help: "Requests refused with 429 in the inputs of the last run, per scope.")
        for (name, counts) in zip(names, perScope) {
            requests.add(.integer(counts.requests), labels: [("scope", name)])
            units.add(.integer(counts.units), labels: [("scope", name)])
            rejected.add(.integer(counts.rejected), labels: [("scope", name)])
        }
        return [requests, units, rejected]
    }
}
