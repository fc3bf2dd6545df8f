import Foundation

/// Turns the checked TOML tables into an `AuditConfiguration`, section by section.
enum ConfigurationReader {
    static func read(_ root: inout ConfigTableReader, baseDirectory: String) throws(ConfigurationError) -> AuditConfiguration {
        let zone = try timeZone(&root, key: "timezone") ?? TimeZone(identifier: "UTC")!
        let zoneName: String
        if case .string(let name)? = root.value("timezone") { zoneName = name } else { zoneName = "UTC" }
        var configuration = AuditConfiguration(timeZone: zone, timeZoneName: zoneName, baseDirectory: baseDirectory)
        if root.isEmpty {
            configuration.doubts.append("it holds no setting, so every default applies: the combined format, users from the "
                + "authenticated-user field, every path metered in UTC days, and no quota; samples/config.toml is a complete example")
        }
        if var log = try root.table("log") {
            configuration.log = try readLog(&log, defaultZone: zone)
            // TOML puts every key after `[log]` into it: `timezone` meant for the audit lands here.
            if root.value("timezone") == nil, log.value("timezone") != nil {
                let line = log.line("timezone").map { " (line \($0))" } ?? ""
                configuration.doubts.append("'log.timezone'\(line) is set but the top-level 'timezone' is not, so days, weeks "
                    + "and months are counted in UTC; if the zone is meant for the audit, move 'timezone = …' above the first [table]")
            }
        }
        if var identity = try root.table("identity") {
            configuration.identity = try readIdentity(&identity)
        }
        if var count = try root.table("count") {
            configuration.count = try readCount(&count)
        }
        for var scope in try root.tables("scope") {
            let rule = try readScope(&scope)
            if rule.name == AuditConfiguration.allScope || rule.name == AuditConfiguration.otherScope
                || configuration.scopes.contains(where: { $0.name == rule.name }) {
                throw scope.invalid("name", "scope '\(rule.name)' is reserved or defined twice; give each [[scope]] a unique name other than 'all' and 'other'")
            }
            if let earlier = configuration.scopes.first(where: rule.isShadowed(by:)) {
                throw scope.invalid("paths", "scope '\(rule.name)' can never match: every path of it starts with a path of scope '\(earlier.name)', which comes first and wins (the first matching [[scope]] counts a request); put '\(rule.name)' above '\(earlier.name)'")
            }
            configuration.scopes.append(rule)
        }
        for var quota in try root.tables("quota") {
            let rule = try readQuota(&quota, scopes: configuration.scopeNames)
            if configuration.quota(scope: rule.scope, period: rule.period) != nil {
                throw quota.invalid("period", "a quota for scope '\(rule.scope)' and period '\(rule.period.name)' is defined twice")
            }
            if let alike = configuration.quotas.first(where: { $0.scope == rule.scope && $0.period.cutsDaysAlike(rule.period) }) {
                throw quota.invalid("period", "the quota for scope '\(rule.scope)' and period '\(rule.period.name)' counts in the same buckets as its quota for period '\(alike.period.name)' above: one counter cannot have two limits; keep one of the two [[quota]] tables")
            }
            configuration.quotas.append(rule)
        }
        var analysis = AnalysisSettings()
        if var detect = try root.table("detect") {
            if let share = try detect.double("near_limit") {
                guard share > 0, share <= 1 else { throw detect.invalid("near_limit", "must be a share of the limit between 0 and 1, e.g. 0.9") }
                analysis.nearLimit = share
            }
            try detect.rejectUnknownKeys()
        }
        if var recommend = try root.table("recommend") {
            if let headroom = try recommend.double("headroom") {
                guard headroom >= 1, headroom <= 10 else { throw recommend.invalid("headroom", "must be a factor from 1 to 10, e.g. 1.15 for 15% above demand") }
                analysis.headroom = headroom
            }
            try recommend.rejectUnknownKeys()
        }
        configuration.analysis = analysis
        try root.rejectUnknownKeys()
        configuration.doubts += misspeltJSONRoles(configuration)
        return configuration
    }

    static func timeZone(_ table: inout ConfigTableReader, key: String) throws(ConfigurationError) -> TimeZone? {
        guard let name = try table.string(key) else { return nil }
        guard let zone = TimeZone(identifier: name) else {
            let known = TimeZone.knownTimeZoneIdentifiers + ["UTC"]
            let match = known.first { $0.lowercased() == name.lowercased() } ?? Spelling.nearest(to: name, among: known)
            let hint = match.map { "did you mean \"\($0)\"?" } ?? "use e.g. \"UTC\", \"Europe/Berlin\", \"America/New_York\""
            throw table.invalid(key, "'\(name)' is not an IANA time zone name; \(hint)")
        }
        return zone
    }

    static func readLog(_ log: inout ConfigTableReader, defaultZone: TimeZone) throws(ConfigurationError) -> LogSettings {
        var settings = LogSettings(timeZone: defaultZone)
        if let format = try log.string("format") {
            guard !format.trimmingCharacters().isEmpty else { throw log.invalid("format", "is empty; use a preset such as \"combined\" or a format string") }
            settings.format = format
            settings.formatLine = log.line("format")
        }
        if let zone = try timeZone(&log, key: "timezone") { settings.timeZone = zone }
        if var json = try log.table("json") {
            let format = LogFormats.canonicalName(settings.format)
            // A misspelt name is reported with its suggestion when the format is made.
            guard format == "json" || LogFormats.isName(format) && !LogFormats.names.contains(format) else {
                throw log.invalid("json", "the [log.json] field mapping applies only to format = \"json\"; the log format is \"\(settings.format)\": remove [log.json] or set format = \"json\"")
            }
            var mapping: [String: String] = [:]
            for key in json.keys {
                guard let path = try json.string(key), !path.isEmpty else {
                    throw json.invalid(key, "must be a non-empty dotted path into each JSON object, e.g. \"request.uri\"")
                }
                mapping[key] = path
            }
            settings.jsonMapping = mapping
        }
        try log.rejectUnknownKeys()
        return settings
    }

    static func readIdentity(_ identity: inout ConfigTableReader) throws(ConfigurationError) -> IdentitySettings {
        var settings = IdentitySettings()
        if let from = try identity.strings("from") {
            guard !from.isEmpty else {
                throw identity.invalid("from", "an empty list attributes no request; leave it out for the default [\"user\"], or list sources, e.g. [\"user\", \"query:api_key\"]")
            }
            settings.sources = []
            for text in from {
                guard let source = IdentitySource(text) else {
                    throw identity.invalid("from", "'\(text)' is not a source; use \"user\", \"query:NAME\" or \"field:NAME\"")
                }
                settings.sources.append(source)
            }
        }
        settings.keysFile = try identity.string("keys")
        if let anonymous = try identity.string("anonymous") {
            guard let policy = IdentitySettings.AnonymousPolicy(rawValue: anonymous) else {
                throw identity.invalid("anonymous", "must be \"skip\" (drop unattributed requests) or \"ip\" (attribute them to ip:ADDRESS)")
            }
            settings.anonymous = policy
        }
        try identity.rejectUnknownKeys()
        return settings
    }

    static func readCount(_ count: inout ConfigTableReader) throws(ConfigurationError) -> CountSettings {
        var settings = CountSettings()
        if let paths = try count.strings("paths") {
            for path in paths { try checkPrefix(path, in: count) }
            guard !paths.isEmpty else {
                throw count.invalid("paths", "an empty list meters no path; leave paths out to meter every path, or list prefixes, e.g. [\"/api/\"]")
            }
            settings.paths = paths.map(RequestPath.normalized(prefix:))
        }
        if let value = count.value("exclude_status") {
            settings.excludeStatus = try statusPatterns(value, key: "exclude_status", in: count)
        }
        if let value = count.value("status") {
            let allowed = try statusPatterns(value, key: "status", in: count)
            if allowed.isEmpty {
                throw count.invalid("status", "an empty allow-list lets no status consume quota; leave status out to let every status count, or list them, e.g. [\"2xx\", 304]")
            }
            settings.status = allowed
            // A code the allow-list names outright that the exclusions would take back.
            let named = allowed.compactMap { pattern -> Int? in
                guard case .code(let code) = pattern else { return nil }
                return settings.excludeStatus.contains { $0.matches(code) } ? code : nil
            }
            if let code = named.first, count.value("exclude_status") != nil {
                throw count.invalid("status", "lists \(code), which exclude_status also lists (an excluded status consumes nothing): remove \(code) from one of them")
            }
            // The default exclusion of 429 gives way to an allow-list that names 429.
            settings.excludeStatus.removeAll { pattern in named.contains { pattern.matches($0) } }
        }
        try count.rejectUnknownKeys()
        return settings
    }

    static func statusPatterns(_ value: ConfigValue, key: String, in table: ConfigTableReader) throws(ConfigurationError) -> [StatusPattern] {
        guard case .array(let items) = value else { throw table.wrongType(key, expected: "an array such as [429] or [\"2xx\", 304]", found: value) }
        var patterns: [StatusPattern] = []
        for item in items {
            let text: String
            switch item {
            case .integer(let code): text = String(code)
            case .string(let string): text = string
            default: throw table.wrongType(key, expected: "status codes or classes such as 429 or \"4xx\"", found: item)
            }
            guard let pattern = StatusPattern(text) else {
                throw table.invalid(key, "'\(text)' is not an HTTP status (100–599) or class (\"2xx\")")
            }
            patterns.append(pattern)
        }
        return patterns
    }

    /// `[log.json]` keys a typo away from a role (`remote_usr`) that no `field:` source uses:
    /// read as a custom field, the role they meant keeps its defaults without a word.
    static func misspeltJSONRoles(_ configuration: AuditConfiguration) -> [String] {
        let roles = JSONRole.allCases.map(\.rawValue)
        var used = Set<String>()
        for case .field(let name) in configuration.identity.sources { used.insert(name) }
        for scope in configuration.scopes { if case .field(let name) = scope.cost { used.insert(name) } }
        return configuration.log.jsonMapping.keys.sorted().compactMap { key in
            guard !roles.contains(key), !used.contains(key) else { return nil }
            if let role = Spelling.nearest(to: key, among: roles) ?? Self.roleSynonyms[key.lowercased()] {
                return "[log.json] '\(key)' is no role, so it names a field for field:\(key), which nothing uses; did you mean '\(role)'?"
            }
            return "[log.json] '\(key)' is no role, so it names a field for field:\(key), which nothing uses; the roles are \(roles.joined(separator: ", "))"
        }
    }

    /// Names people give the roles (`user` for `remote_user`): the role they mean.
    private static let roleSynonyms: [String: String] = [
        "user": "remote_user", "username": "remote_user", "user_name": "remote_user", "login": "remote_user",
        "ip": "remote_addr", "client_ip": "remote_addr", "client": "remote_addr", "addr": "remote_addr", "remote_ip": "remote_addr",
        "timestamp": "time", "ts": "time", "date": "time", "datetime": "time", "time_local": "time",
        "url": "uri", "request_uri": "uri", "verb": "method", "request_method": "method",
        "code": "status", "status_code": "status", "response_code": "status", "args": "query", "query_string": "query",
    ]
}
