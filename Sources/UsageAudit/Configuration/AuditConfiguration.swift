import Foundation

/// The checked, immutable configuration of an audit, as read from its TOML file.
public struct AuditConfiguration: Sendable, Equatable {
    /// The zone all calendar arithmetic happens in.
    public var timeZone: TimeZone
    /// The zone's name as the configuration writes it (Foundation on Linux calls "UTC" "GMT").
    public var timeZoneName: String
    public var log: LogSettings
    public var identity: IdentitySettings
    public var count: CountSettings
    public var scopes: [ScopeRule] {
        didSet { scopeNames = Self.names(of: scopes) }
    }
    /// Scope names in report order: every configured scope, then `other`. Kept with
    /// `scopes` (the analyses ask for it per user and bucket).
    public private(set) var scopeNames: [String]
    public var quotas: [QuotaRule]
    public var analysis: AnalysisSettings
    /// The folder relative paths in the configuration are resolved against.
    public var baseDirectory: String
    /// What the file says that is valid TOML but likely not meant (a top-level key written
    /// under a table), for the command to show as warnings.
    public var doubts: [String] = []

    public init(
        timeZone: TimeZone = TimeZone(identifier: "UTC")!,
        timeZoneName: String? = nil,
        log: LogSettings? = nil,
        identity: IdentitySettings = IdentitySettings(),
        count: CountSettings = CountSettings(),
        scopes: [ScopeRule] = [],
        quotas: [QuotaRule] = [],
        analysis: AnalysisSettings = AnalysisSettings(),
        baseDirectory: String = "."
    ) {
        self.timeZone = timeZone
        // Foundation on Linux reports UTC as "GMT"; the configuration's default is "UTC".
        self.timeZoneName = timeZoneName ?? (timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier)
        self.log = log ?? LogSettings(timeZone: timeZone)
        self.identity = identity
        self.count = count
        self.scopes = scopes
        scopeNames = Self.names(of: scopes)
        self.quotas = quotas
        self.analysis = analysis
        self.baseDirectory = baseDirectory
    }

    /// The name of requests that match no scope rule.
    public static let otherScope = "other"
    /// The name of the sum over all scopes.
    public static let allScope = "all"

    private static func names(of scopes: [ScopeRule]) -> [String] {
        scopes.map(\.name) + [otherScope]
    }

    /// The periods reported for `scope`: `day` always, then every period a quota names for it.
    public func periods(forScope scope: String) -> [Period] {
        var result: [Period] = [.day]
        for quota in quotas where quota.scope == scope && !result.contains(quota.period) {
            result.append(quota.period)
        }
        return result
    }

    /// Whether two quotas limit the same scope over periods of the same name (`30d` with two
    /// anchors): without stored profiles, the one way a user's bucket (users told apart by
    /// the bytes of their names) can be examined twice.
    public var hasQuotasSharingAName: Bool {
        quotas.indices.contains { first in
            quotas[(first + 1)...].contains { $0.scope == quotas[first].scope && $0.period.hasSameName(as: quotas[first].period) }
        }
    }

    /// The quota for `scope` and `period`, if one is configured.
    public func quota(scope: String, period: Period) -> QuotaRule? {
        quotas.first { $0.scope == scope && $0.period == period }
    }

    /// Resolves a path from the configuration against its folder.
    public func resolve(path: String) -> String {
        path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path)
    }
}
