import Foundation

/// What of a configuration decides how logs are counted, written out line by line: the log
/// format, identity sources and the keys file's content, the `[count]` filters and the
/// scopes with their costs. Partials carry them, so that a shard counted under other rules
/// is refused, and the message names the first rule that differs. Quotas and analysis
/// settings are left out: they act after counting, in the run that reads the partials.
public struct CountingRules: Equatable, Sendable {
    public var lines: [String]

    public init(lines: [String]) {
        self.lines = lines
    }

    /// The rules of `configuration`; the keys file is read to take its digest (an unreadable
    /// one gives a line that says so, and the audit fails on it anyway).
    public init(configuration: AuditConfiguration) {
        var lines: [String] = []
        let log = configuration.log
        lines.append("[log] format = \(Self.quoted(log.format))")
        lines.append("[log] timezone = \(Self.quoted(log.timeZone.identifier))")
        if !log.jsonMapping.isEmpty {
            let fields = log.jsonMapping.keys.sorted().map { "\($0) = \(Self.quoted(log.jsonMapping[$0]!))" }
            lines.append("[log.json] \(fields.joined(separator: ", "))")
        }
        let identity = configuration.identity
        lines.append("[identity] from = [\(identity.sources.map { Self.quoted($0.text) }.joined(separator: ", "))]")
        lines.append("[identity] anonymous = \(Self.quoted(identity.anonymous.rawValue))")
        if let keysFile = identity.keysFile {
            let path = configuration.resolve(path: keysFile)
            let digest = FileManager.default.contents(atPath: path).map { ContentDigest.headDigest(of: $0) } ?? "unreadable"
            lines.append("[identity] keys file with SHA-256 \(digest)")
        }
        let count = configuration.count
        lines.append("[count] paths = [\(count.paths.map(Self.quoted).joined(separator: ", "))]")
        lines.append("[count] exclude_status = [\(count.excludeStatus.map(Self.text).joined(separator: ", "))]")
        if let status = count.status {
            lines.append("[count] status = [\(status.map(Self.text).joined(separator: ", "))]")
        }
        for scope in configuration.scopes {
            let cost: String
            switch scope.cost {
            case .constant(let units): cost = "\(units)"
            case .field(let name): cost = Self.quoted("field:\(name)")
            }
            lines.append(
                "[[scope]] name = \(Self.quoted(scope.name)), paths = [\(scope.paths.map(Self.quoted).joined(separator: ", "))], regex = \(scope.regex.map(Self.quoted) ?? "none"), methods = [\(scope.methods.map(Self.quoted).joined(separator: ", "))], cost = \(cost)")
        }
        self.lines = lines
    }

    /// The first rule in which `other` differs from these rules (`other`'s, then these), or
    /// nil when they are the same.
    public func firstDifference(from other: CountingRules) -> (other: String, these: String)? {
        for index in 0..<max(lines.count, other.lines.count) {
            let mine = index < lines.count ? lines[index] : "nothing more"
            let theirs = index < other.lines.count ? other.lines[index] : "nothing more"
            if mine != theirs, !Self.sameZone(mine, theirs) { return (theirs, mine) }
        }
        return nil
    }

    /// Whether two rules both name the log's time zone, by names of the same zone.
    private static func sameZone(_ rule: String, _ other: String) -> Bool {
        let prefix = "[log] timezone = \""
        guard rule.hasPrefix(prefix), other.hasPrefix(prefix) else { return false }
        return TimeZoneAlias.sameZone(String(rule.dropFirst(prefix.count).dropLast()), String(other.dropFirst(prefix.count).dropLast()))
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.escapedForQuotes + "\""
    }

    private static func text(_ pattern: StatusPattern) -> String {
        switch pattern {
        case .code(let code): "\(code)"
        case .statusClass(let digit): "\"\(digit)xx\""
        }
    }
}
