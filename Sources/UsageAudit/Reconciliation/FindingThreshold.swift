/// Which findings make a run exit with code 1 (`--fail-on`), for nightly jobs that should
/// page someone.
///
/// Written as a severity — `warning` (every reconciliation finding and every anomaly) or
/// `error` (counters that are wrong or limits that were not applied: drift, stale_reset,
/// total_regression, over_limit_served, blocked_under_limit) — or as a comma-separated
/// list of kinds of either report (`over_limit_served,spike,near_limit`).
public struct FindingThreshold: Hashable, Sendable {
    /// The reconciliation kinds selected.
    public let kinds: Set<FindingKind>
    /// The anomaly kinds selected.
    public let anomalyKinds: Set<AnomalyKind>

    /// The kinds that `error` selects: a stored counter or an enforced limit is wrong.
    public static let errorKinds: Set<FindingKind> = [.drift, .staleReset, .totalRegression, .overLimitServed, .blockedUnderLimit]

    /// Parses `warning`, `error` or a list of kinds; nil when a word is none of them.
    public init?(_ text: String) {
        switch text {
        case "warning", "any":
            kinds = Set(FindingKind.allCases)
            anomalyKinds = Set(AnomalyKind.allCases)
        case "error":
            kinds = Self.errorKinds
            anomalyKinds = []
        default:
            var selected: Set<FindingKind> = []
            var anomalies: Set<AnomalyKind> = []
            for name in Self.words(of: text) {
                if let kind = FindingKind(rawValue: name) {
                    selected.insert(kind)
                } else if let kind = AnomalyKind(rawValue: name) {
                    anomalies.insert(kind)
                } else {
                    return nil
                }
            }
            guard !selected.isEmpty || !anomalies.isEmpty else { return nil }
            kinds = selected
            anomalyKinds = anomalies
        }
    }

    /// How many of `findings` and `anomalies` are at or above the threshold.
    public func count(findings: [ReconciliationFinding], anomalies: [Anomaly]) -> (findings: Int, anomalies: Int) {
        (findings.count { kinds.contains($0.kind) }, anomalies.count { anomalyKinds.contains($0.kind) })
    }

    /// Whether any of `findings` or `anomalies` is at or above the threshold.
    public func isReached(by findings: [ReconciliationFinding], anomalies: [Anomaly] = []) -> Bool {
        findings.contains { kinds.contains($0.kind) } || anomalies.contains { anomalyKinds.contains($0.kind) }
    }

    /// The first word of a `--fail-on` list that names no level or kind, for the message
    /// (nil when every word is one).
    public static func unknownWord(in text: String) -> String? {
        guard !levels.contains(text) else { return nil }
        return words(of: text).first { name in
            FindingKind(rawValue: name) == nil && AnomalyKind(rawValue: name) == nil
        }
    }

    /// The first word of a `--fail-on` list of several that is a level, which stands alone
    /// (nil when none is).
    public static func level(inList text: String) -> String? {
        guard text.contains(",") else { return nil }
        return words(of: text).first { levels.contains($0) }
    }

    /// The spellings of a level (`init` reads each alone).
    private static let levels: Set<String> = ["warning", "any", "error"]

    /// The words of a comma-separated list, trimmed.
    private static func words(of text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters() }
    }

    /// The accepted spellings, for help and error messages.
    public static var accepted: String {
        "warning, error, or kinds separated by commas (" + FindingKind.allCases.map(\.rawValue).joined(separator: ", ")
            + "; anomalies: " + AnomalyKind.allCases.map(\.rawValue).joined(separator: ", ") + ")"
    }
}
