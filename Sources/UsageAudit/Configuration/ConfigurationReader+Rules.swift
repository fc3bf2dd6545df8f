import Foundation

extension ConfigurationReader {
    /// A path prefix of `paths` in `table`: it starts with `/` and is no glob (`*` has no
    /// meaning in a prefix: `/api/*` would match only paths that hold a `*`).
    static func checkPrefix(_ path: String, in table: ConfigTableReader) throws(ConfigurationError) {
        guard path.hasPrefix("/") else {
            throw table.invalid("paths", "'\(path)' is not a path prefix; prefixes start with '/', e.g. \"/api/\"")
        }
        if let star = path.firstIndex(of: "*") {
            throw table.invalid("paths", "'\(path)' is a path prefix, not a glob: write '\(path[..<star])' to match every path that starts so")
        }
    }

    static func readScope(_ scope: inout ConfigTableReader) throws(ConfigurationError) -> ScopeRule {
        try scope.rejectKeys(notIn: ["name", "paths", "regex", "methods", "cost"])
        guard let name = try scope.string("name"), !name.isEmpty else {
            throw .missingKey(key: scope.name("name"), line: scope.line("name"), hint: "every [[scope]] needs a name, e.g. name = \"geocoding\"")
        }
        var rule = ScopeRule(name: name)
        rule.paths = try scope.strings("paths") ?? []
        for path in rule.paths { try checkPrefix(path, in: scope) }
        rule.paths = rule.paths.map(RequestPath.normalized(prefix:))
        if let regex = try scope.string("regex") {
            guard !regex.isEmpty else {
                throw scope.invalid("regex", "an empty regex matches every path; leave regex out, or write one such as '^/api/v[12]/route'")
            }
            if let problem = PathRegex.problem(compiling: regex) {
                throw scope.invalid("regex", "'\(regex)' is not a valid POSIX extended regular expression: \(problem)")
            }
            rule.regex = regex
        }
        guard !rule.paths.isEmpty || rule.regex != nil else {
            throw .missingKey(key: scope.name("paths"), line: scope.line("paths"), hint: "scope '\(name)' needs `paths = [\"/prefix\"]` or `regex = '^/…'` to select its requests")
        }
        if let methods = try scope.strings("methods") {
            guard !methods.isEmpty else {
                throw scope.invalid("methods", "an empty list would mean every method; leave methods out for every method, or list them, e.g. [\"POST\"]")
            }
            rule.methods = methods.map { $0.uppercased() }
        }
        if let cost = scope.value("cost") {
            switch cost {
            case .integer(let units) where units >= 0:
                rule.cost = .constant(Int64(units))
            case .string(let text) where text.hasPrefix("field:") && text.count > 6:
                rule.cost = .field(String(text.dropFirst(6)))
            default:
                throw scope.invalid("cost", "must be a whole number of units (e.g. 1) or \"field:NAME\" to read the units from a log field")
            }
        }
        try scope.rejectUnknownKeys()
        return rule
    }

    static func readQuota(_ quota: inout ConfigTableReader, scopes: [String]) throws(ConfigurationError) -> QuotaRule {
        try quota.rejectKeys(notIn: ["scope", "period", "anchor", "default", "hard", "block_price"])
        let scope = try quota.string("scope") ?? AuditConfiguration.allScope
        guard scope == AuditConfiguration.allScope || scopes.contains(scope) else {
            throw quota.invalid("scope", "no [[scope]] is named '\(scope)'; known scopes: \((["all"] + scopes).joined(separator: ", "))")
        }
        var anchor = LocalDay(number: 0)
        if let anchorValue = quota.value("anchor") {
            let text: String?
            switch anchorValue {
            case .dateTime(let written), .string(let written): text = written
            default: text = nil
            }
            guard let text, let date = parseDate(text) else {
                throw quota.invalid("anchor", "must be a date such as 2026-01-01 (the first day of the first window, in the configured timezone; no time of day)")
            }
            anchor = LocalDay(date)
        }
        let periodText: String
        switch quota.value("period") {
        case .string(let text): periodText = text
        case .integer(let days): periodText = String(days)
        case nil: throw .missingKey(key: quota.name("period"), line: quota.line("period"), hint: "use day, week, month, year, Nd (e.g. 30d) or month@D (e.g. month@15)")
        case let other?: throw quota.wrongType("period", expected: "a string such as \"month\"", found: other)
        }
        let period: Period
        do {
            period = try Period(parsing: periodText, anchor: anchor)
        } catch {
            throw quota.invalid("period", "\(error)")
        }
        if quota.value("anchor") != nil, !period.isDayWindow {
            // A calendar period starts where the calendar does: an anchor would be ignored.
            let starts = switch period {
            case .week: "weeks start on Monday (ISO)"
            case .billingCycle(let day): "billing cycles start on day \(day) of each month"
            case .day: "days start at midnight"
            default: "its buckets start on the 1st"
            }
            throw quota.invalid("anchor", "only Nd windows (30d) have an anchor; for period '\(periodText)', \(starts): remove the anchor, or use a window (7d) whose anchor is the first day of one")
        }
        var rule = QuotaRule(scope: scope, period: period)
        if let limit = try quota.integer("default") {
            guard limit >= -1 else { throw quota.invalid("default", "must be -1 (unlimited), 0 (no use allowed) or a positive limit") }
            rule.defaultLimit = Int64(limit)
        }
        rule.hard = try quota.boolean("hard") ?? true
        if let price = try quota.double("block_price") {
            guard price >= 0 else { throw quota.invalid("block_price", "must not be negative: it is the price of 1000 units past a soft limit") }
            rule.blockPrice = price
        }
        try quota.rejectUnknownKeys()
        return rule
    }

    /// Reads the `YYYY-MM-DD` at the start of a TOML date.
    static func parseDate(_ text: String) -> CivilDate? {
        // YYYY-MM-DD and nothing else: a time or offset after it would be dropped unseen.
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0.element) })
        else { return nil }
        let digits = text.split(separator: "-").compactMap { Int($0) }
        guard digits.count == 3 else { return nil }
        let date = CivilDate(year: digits[0], month: digits[1], day: digits[2])
        return date.isValid ? date : nil
    }
}
