/// Which findings make a run exit with code 1 (`--fail-on`), for nightly jobs that should
/// page someone.
///
/// Written as a severity — `warning` (every finding) or `error` (counters that are wrong
/// or limits that were not applied: drift, stale_reset, total_regression,
/// over_limit_served, blocked_under_limit) — or as a comma-separated list of kinds
/// (`over_limit_served,drift`).
public struct FindingThreshold: Hashable, Sendable {
    public let kinds: Set<FindingKind>

    /// The kinds that `error` selects: a stored counter or an enforced limit is wrong.
    public static let errorKinds: Set<FindingKind> = [.drift, .staleReset, .totalRegression, .overLimitServed, .blockedUnderLimit]

    /// Parses `warning`, `error` or a list of kinds; nil when a word is none of them.
    public init?(_ text: String) {
        switch text {
        case "warning", "any": kinds = Set(FindingKind.allCases)
        case "error": kinds = Self.errorKinds
        default:
            var selected: Set<FindingKind> = []
            for word in text.split(separator: ",") {
                guard let kind = FindingKind(rawValue: word.trimmingCharacters()) else { return nil }
                selected.insert(kind)
            }
            guard !selected.isEmpty else { return nil }
            kinds = selected
        }
    }

    /// Whether any of `findings` is at or above the threshold.
    public func isReached(by findings: [ReconciliationFinding]) -> Bool {
        findings.contains { kinds.contains($0.kind) }
    }

    /// The accepted spellings, for help and error messages.
    public static var accepted: String {
        "warning, error, or kinds separated by commas (" + FindingKind.allCases.map(\.rawValue).joined(separator: ", ") + ")"
    }
}
