import Testing
@testable import UsageAudit

/// What identifies a finding in the layout tests: who, which kind, which counter (scope,
/// period, field) and which stored record it points at (`origin`, empty for
/// `missing_profile`). Tests compare the set of these with the faults they planted.
struct LayoutFindingsSignature: Hashable, CustomStringConvertible {
    var user: String
    var kind: FindingKind
    var scope: String
    var period: String
    var field: String
    var origin: String

    init(_ user: String, _ kind: FindingKind, scope: String = "all", period: String, field: String? = nil, origin: String) {
        self.user = user
        self.kind = kind
        self.scope = scope
        self.period = period
        self.field = field ?? Self.field(of: kind)
        self.origin = origin
    }

    init(_ finding: ReconciliationFinding) {
        self.init(
            finding.user, finding.kind, scope: finding.scope, period: finding.period.name, field: finding.field,
            origin: finding.origin)
    }

    var description: String {
        "\(user) \(kind.rawValue) \(scope)/\(period) \(field) @\(origin.isEmpty ? "-" : origin)"
    }

    /// The stored field a finding of `kind` is about, unless it says otherwise (an orphan
    /// with only a lifetime total is about `total`).
    static func field(of kind: FindingKind) -> String {
        switch kind {
        case .drift, .staleReset, .missingProfile, .orphanProfile: return "used"
        case .totalRegression: return "total"
        case .overLimitServed, .blockedUnderLimit: return "limit"
        case .unknownScope: return "scope"
        }
    }

    /// Records an issue unless `findings` are exactly `expected`, each once.
    static func expect(
        _ findings: [ReconciliationFinding], equal expected: Set<LayoutFindingsSignature>,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let found = findings.map { LayoutFindingsSignature($0) }
        let unexpected = findings.filter { !expected.contains(LayoutFindingsSignature($0)) }
            .map { "\(LayoutFindingsSignature($0)): \($0.detail)" }
        let absent = expected.subtracting(found).map(\.description).sorted()
        #expect(unexpected.isEmpty, "not planted: \(unexpected)", sourceLocation: sourceLocation)
        #expect(absent.isEmpty, "planted but not found: \(absent)", sourceLocation: sourceLocation)
        #expect(found.count == Set(found).count, "reported twice: \(found.map(\.description))", sourceLocation: sourceLocation)
    }
}
