import Testing
@testable import UsageAudit

@Suite("ConfigurationLoader: unknown keys, wrong types, impossible values")
struct ConfigurationErrorTests {
    // MARK: Unknown keys

    @Test("an unknown top-level key is named with its line and a suggestion")
    func unknownTopLevelKey() {
        let error = ConfigurationProbe.error("""
            # comment
            timezon = "UTC"
            """)
        #expect(error == .unknownKey(key: "timezon", line: 2, suggestion: "timezone"))
    }

    @Test("an unknown key in a section is named dotted")
    func unknownSectionKey() {
        let error = ConfigurationProbe.error("""
            [log]
            format = "combined"

            [identity]
            from = ["user"]
            anonymus = "ip"
            """)
        #expect(error == .unknownKey(key: "identity.anonymus", line: 6, suggestion: "identity.anonymous"))
    }

    @Test("an unknown key in the second [[scope]] names scope[1] and its line")
    func unknownKeyInSecondScope() {
        let error = ConfigurationProbe.error("""
            [[scope]]
            name = "geocoding"
            paths = ["/geo"]

            [[scope]]
            name = "isolines"
            pathz = ["/iso"]
            paths = ["/iso"]
            """)
        #expect(error == .unknownKey(key: "scope[1].pathz", line: 7, suggestion: "scope[1].paths"))
    }

    @Test("an unknown key in a [[quota]] is named quota[N]")
    func unknownKeyInQuota() {
        let error = ConfigurationProbe.error("""
            [[quota]]
            period = "day"
            [[quota]]
            period = "week"
            defualt = 10
            """)
        #expect(error == .unknownKey(key: "quota[1].defualt", line: 5, suggestion: "quota[1].default"))
    }

    @Test("an unknown key far from any known key gets no suggestion")
    func unknownKeyWithoutSuggestion() {
        let error = ConfigurationProbe.error("""
            [detect]
            near_limit = 0.8
            completely_unrelated_setting = 1
            """)
        #expect(error == .unknownKey(key: "detect.completely_unrelated_setting", line: 3, suggestion: nil))
    }

    @Test("an unknown section is an unknown top-level key on its header line")
    func unknownSection() {
        let error = ConfigurationProbe.error("""
            timezone = "UTC"

            [recomend]
            headroom = 1.2
            """)
        #expect(error == .unknownKey(key: "recomend", line: 3, suggestion: "recommend"))
    }

    @Test("an unknown key in [log.json] is not possible: every key there is a mapping")
    func logJSONAcceptsAnyKey() throws {
        let configuration = try ConfigurationLoader.parse(text: """
            [log]
            format = "json"
            [log.json]
            anything = "a.b"
            """)
        #expect(configuration.log.jsonMapping == ["anything": "a.b"])
    }

    @Test("the message names the key, the line and the suggestion")
    func unknownKeyMessage() {
        let error = ConfigurationError.unknownKey(key: "scope[1].pathz", line: 7, suggestion: "scope[1].paths")
        #expect(error.description == "unknown configuration key 'scope[1].pathz' (line 7); did you mean 'scope[1].paths'?")
    }

    // MARK: Wrong types

    @Test("a number where a string belongs is a wrong type")
    func wrongTypeTimeZone() {
        let error = ConfigurationProbe.error("timezone = 5")
        #expect(error == .wrongType(key: "timezone", line: 1, expected: "a string", found: "an integer"))
    }

    @Test("wrong types inside sections are named dotted with their line", arguments: [
        ("[log]\nformat = 3", "log.format", 2),
        ("[count]\npaths = 3", "count.paths", 2),
        ("[count]\npaths = [\"/a\", 3]", "count.paths", 2),
        ("[count]\nexclude_status = 429", "count.exclude_status", 2),
        ("[count]\nstatus = [true]", "count.status", 2),
        ("[detect]\nnear_limit = \"high\"", "detect.near_limit", 2),
        ("[[quota]]\nperiod = \"day\"\nhard = \"yes\"", "quota[0].hard", 3),
        ("[[quota]]\nperiod = \"day\"\ndefault = 1.5", "quota[0].default", 3),
        ("[[quota]]\nperiod = true", "quota[0].period", 2),
        ("[[scope]]\nname = 3\npaths = [\"/a\"]", "scope[0].name", 2),
        ("[identity]\nfrom = [1]", "identity.from", 2),
        ("log = \"combined\"", "log", 1),
    ])
    func wrongTypes(text: String, key: String, line: Int) {
        let error = ConfigurationProbe.error(text)
        #expect(ConfigurationProbe.isWrongType(error, key: key, line: line), "\(String(describing: error))")
    }

    @Test("an integer where a number belongs is accepted")
    func integerAsNumber() throws {
        let configuration = try ConfigurationLoader.parse(text: "[detect]\nnear_limit = 1\n[recommend]\nheadroom = 2")
        #expect(configuration.analysis == AnalysisSettings(nearLimit: 1, headroom: 2))
    }

    @Test("a scope an earlier one covers only in part is accepted: another path, a method it leaves, a regex")
    func partlyCoveredScopes() throws {
        let configuration = try ConfigurationLoader.parse(text: """
            [[scope]]
            name = "write"
            paths = ["/api/"]
            methods = ["POST"]
            [[scope]]
            name = "api"
            paths = ["/api/"]
            [[scope]]
            name = "geo"
            paths = ["/api/v1/geocode", "/geo/"]
            [[scope]]
            name = "tiles"
            regex = '^/api/tiles/'
            """)
        #expect(configuration.scopes.map(\.name) == ["write", "api", "geo", "tiles"])
    }

    // MARK: Impossible values

    @Test("a time zone written in the wrong case or with a typo is suggested")
    func timeZoneSuggestion() {
        for (written, meant) in [("utc", "UTC"), ("europe/berlin", "Europe/Berlin"), ("Europe/Berln", "Europe/Berlin")] {
            let error = ConfigurationProbe.error("timezone = \"\(written)\"")
            #expect(ConfigurationProbe.isInvalid(error, key: "timezone", line: 1))
            #expect(String(describing: error).contains("did you mean \"\(meant)\"?"), "\(String(describing: error))")
        }
    }

    @Test("a [log.json] mapping beside another format is refused")
    func jsonMappingWithoutJSON() {
        let error = ConfigurationProbe.error("[log]\nformat = \"combined\"\n[log.json]\ntime = \"ts\"")
        #expect(String(describing: error).contains("applies only to format = \"json\""), "\(String(describing: error))")
        #expect(ConfigurationProbe.error("[log]\nformat = \"json\"\n[log.json]\ntime = \"ts\"") == nil)
    }

    @Test("a time zone that does not exist")
    func badTimeZone() {
        let error = ConfigurationProbe.error("\ntimezone = \"Mars/Olympus_Mons\"")
        #expect(ConfigurationProbe.isInvalid(error, key: "timezone", line: 2))
        let logError = ConfigurationProbe.error("[log]\ntimezone = \"Nowhere/Special\"")
        #expect(ConfigurationProbe.isInvalid(logError, key: "log.timezone", line: 2))
    }

    @Test("impossible values name their key and line", arguments: [
        ("[[quota]]\nperiod = \"0d\"", "quota[0].period", 2),
        ("[[quota]]\nperiod = \"fortnight\"", "quota[0].period", 2),
        ("[[quota]]\nperiod = \"month@32\"", "quota[0].period", 2),
        ("[[quota]]\nperiod = \"day\"\ndefault = -2", "quota[0].default", 3),
        ("[[quota]]\nperiod = \"day\"\nhard = false\nblock_price = -1", "quota[0].block_price", 4),
        ("[[quota]]\nperiod = \"30d\"\nanchor = \"soon\"", "quota[0].anchor", 3),
        // Calendar periods start where the calendar does: an anchor would be ignored.
        ("[[quota]]\nperiod = \"week\"\nanchor = 2026-10-25", "quota[0].anchor", 3),
        ("[[quota]]\nperiod = \"month@14\"\nanchor = \"2026-10-25\"", "quota[0].anchor", 3),
        ("[[quota]]\nscope = \"nosuch\"\nperiod = \"day\"", "quota[0].scope", 2),
        ("[detect]\nnear_limit = 1.5", "detect.near_limit", 2),
        ("[detect]\nnear_limit = 0", "detect.near_limit", 2),
        ("[recommend]\nheadroom = 0.5", "recommend.headroom", 2),
        ("[count]\nstatus = [700]", "count.status", 2),
        ("[count]\nexclude_status = [\"6xx\"]", "count.exclude_status", 2),
        ("[count]\nexclude_status = [99]", "count.exclude_status", 2),
        ("[count]\npaths = [\"api/\"]", "count.paths", 2),
        ("[count]\npaths = [\"/api/*\"]", "count.paths", 2),
        ("[count]\nstatus = []", "count.status", 2),
        ("[count]\npaths = []", "count.paths", 2),
        ("[[scope]]\nname = \"a\"\nregex = ''", "scope[0].regex", 3),
        ("[[scope]]\nname = \"a\"\npaths = [\"/a\"]\nmethods = []", "scope[0].methods", 4),
        // A code in both lists: the exclusion would silently win.
        ("[count]\nexclude_status = [429, 404]\nstatus = [\"2xx\", 404]", "count.status", 3),
        // A PCRE class POSIX reads as a letter: the scope would match nothing.
        ("[[scope]]\nname = \"a\"\nregex = '^/api/v\\d+/'", "scope[0].regex", 3),
        ("[[scope]]\nname = \"a\"\nregex = '^/[^^]x\\d'", "scope[0].regex", 3),
        ("[[scope]]\nname = \"a\"\nregex = '^/[[:alpha:]]x\\d'", "scope[0].regex", 3),
        // In brackets a Perl class is a backslash and a letter: [\w-]+ matches no word.
        ("[[scope]]\nname = \"a\"\nregex = '^/[\\w-]+'", "scope[0].regex", 3),
        ("[[scope]]\nname = \"a\"\nregex = '^/v[[:alpha:]\\d]'", "scope[0].regex", 3),
        ("[[quota]]\nperiod = \"7d\"\nanchor = 2026-11-15T23:30:00Z", "quota[0].anchor", 3),
        ("[[quota]]\nperiod = \"7d\"\nanchor = \"2026-11-15 00:00\"", "quota[0].anchor", 3),
        ("[identity]\nfrom = []", "identity.from", 2),
        ("[[scope]]\nname = \"a\"\npaths = [\"/a/*.png\"]", "scope[0].paths", 3),
        // A scope an earlier one shadows: '/api/' takes every /api/v1/geocode request first.
        ("[[scope]]\nname = \"api\"\npaths = [\"/api/\"]\n[[scope]]\nname = \"geo\"\npaths = [\"/api/v1/geocode\"]", "scope[1].paths", 6),
        ("[[scope]]\nname = \"w\"\npaths = [\"/a\"]\nmethods = [\"POST\", \"PUT\"]\n[[scope]]\nname = \"p\"\npaths = [\"/a/b\"]\nmethods = [\"put\"]", "scope[1].paths", 7),
        ("[identity]\nfrom = [\"header:x\"]", "identity.from", 2),
        ("[identity]\nfrom = [\"query:\"]", "identity.from", 2),
        ("[identity]\nanonymous = \"drop\"", "identity.anonymous", 2),
        ("[log]\nformat = \"  \"", "log.format", 2),
        ("[log]\nformat = \"json\"\n[log.json]\ntime = \"\"", "log.json.time", 4),
        ("[[scope]]\nname = \"a\"\npaths = [\"/a\"]\ncost = -1", "scope[0].cost", 4),
        ("[[scope]]\nname = \"a\"\npaths = [\"/a\"]\ncost = 1.5", "scope[0].cost", 4),
        ("[[scope]]\nname = \"a\"\npaths = [\"/a\"]\ncost = \"units\"", "scope[0].cost", 4),
        ("[[scope]]\nname = \"a\"\npaths = [\"/a\"]\ncost = \"field:\"", "scope[0].cost", 4),
        ("[[scope]]\nname = \"a\"\nregex = '([a-z'", "scope[0].regex", 3),
        ("[[scope]]\nname = \"a\"\npaths = [\"a\"]", "scope[0].paths", 3),
    ])
    func impossibleValues(text: String, key: String, line: Int) {
        let error = ConfigurationProbe.error(text)
        #expect(ConfigurationProbe.isInvalid(error, key: key, line: line), "\(String(describing: error))")
    }

    @Test("scope names 'all' and 'other' are reserved", arguments: ["all", "other"])
    func reservedScopeNames(name: String) {
        let error = ConfigurationProbe.error("""
            [[scope]]
            name = "geo"
            paths = ["/geo"]
            [[scope]]
            name = "\(name)"
            paths = ["/x"]
            """)
        #expect(ConfigurationProbe.isInvalid(error, key: "scope[1].name", line: 5), "\(String(describing: error))")
    }

    @Test("a scope defined twice is refused")
    func duplicateScope() {
        let error = ConfigurationProbe.error("""
            [[scope]]
            name = "geo"
            paths = ["/geo"]
            [[scope]]
            name = "geo"
            paths = ["/geo2"]
            """)
        #expect(ConfigurationProbe.isInvalid(error, key: "scope[1].name", line: 5))
    }

    @Test("a quota defined twice for one scope and period is refused")
    func duplicateQuota() {
        let error = ConfigurationProbe.error("""
            [[quota]]
            scope = "all"
            period = "day"
            default = 10

            [[quota]]
            period = "DAY"
            default = 20
            """)
        #expect(ConfigurationProbe.isInvalid(error, key: "quota[1].period", line: 7), "\(String(describing: error))")
    }

    @Test("a second quota of one scope whose period cuts the same buckets is refused: day and 1d, month and month@1, 7d windows a week apart", arguments: [
        ("day", "1d", ""), ("1", "day", ""), ("month", "month@1", ""), ("month@1", "month", ""),
        ("7d", "7d", "anchor = 2026-01-15"), ("week", "7d", "anchor = 2026-01-12"), ("week", "7d", "anchor = 1969-12-29"),
    ])
    func quotaWithTheSameBuckets(first: String, second: String, anchor: String) {
        let error = ConfigurationProbe.error("""
            [[quota]]
            period = "\(first)"
            default = 10

            [[quota]]
            period = "\(second)"
            \(anchor)
            default = 20
            """)
        #expect(ConfigurationProbe.isInvalid(error, key: "quota[1].period", line: 6), "\(String(describing: error))")
        #expect(String(describing: error).contains("same buckets"), "\(String(describing: error))")
    }

    @Test("quotas of one scope whose periods cut different buckets are kept: day and 2d, month and month@15, 7d on other weekdays")
    func quotasWithOtherBuckets() throws {
        for (first, second) in [("day", "2d"), ("month", "month@15"), ("week", "7d"), ("week", "14d"), ("month@1", "month@31")] {
            let configuration = try ConfigurationLoader.parse(text: """
                [[quota]]
                period = "\(first)"
                default = 10
                [[quota]]
                period = "\(second)"
                default = 20
                """)
            #expect(configuration.quotas.count == 2, "\(first), \(second)")
        }
    }

    @Test("a quota may name a scope defined before it, and 'other'")
    func quotaNamesKnownScopes() throws {
        let configuration = try ConfigurationLoader.parse(text: """
            [[scope]]
            name = "geo"
            paths = ["/geo"]
            [[quota]]
            scope = "geo"
            period = "day"
            [[quota]]
            scope = "other"
            period = "day"
            """)
        #expect(configuration.quotas.map(\.scope) == ["geo", "other"])
    }

    @Test("a quota naming an unknown scope lists the known ones")
    func unknownQuotaScopeMessage() {
        let error = ConfigurationProbe.error("""
            [[scope]]
            name = "geo"
            paths = ["/geo"]
            [[quota]]
            scope = "geocoding"
            period = "day"
            """)
        guard case .invalidValue(let key, let line, let reason)? = error else {
            Issue.record("expected invalidValue, got \(String(describing: error))")
            return
        }
        #expect(key == "quota[0].scope")
        #expect(line == 5)
        #expect(reason.contains("all, geo, other"))
    }

    @Test("a regex that does not compile says why")
    func badRegexMessage() {
        let error = ConfigurationProbe.error("[[scope]]\nname = \"a\"\nregex = '(unclosed'")
        guard case .invalidValue(_, _, let reason)? = error else {
            Issue.record("expected invalidValue, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("(unclosed"))
        #expect(reason.contains("POSIX"))
    }

    // MARK: Missing keys

    @Test("a scope without a name or without paths/regex, a quota without a period: named with the table's line", arguments: [
        ("[[scope]]\npaths = [\"/a\"]", "scope[0].name", 1),
        ("[[scope]]\nname = \"\"\npaths = [\"/a\"]", "scope[0].name", 2),
        ("[[scope]]\nname = \"a\"", "scope[0].paths", 1),
        ("[log]\nformat = \"combined\"\n\n[[quota]]\nscope = \"all\"", "quota[0].period", 4),
    ])
    func missingKeys(text: String, key: String, line: Int) {
        let error = ConfigurationProbe.error(text)
        guard case .missingKey(let found, let foundLine, _)? = error else {
            Issue.record("expected missingKey, got \(String(describing: error))")
            return
        }
        #expect(found == key)
        #expect(foundLine == line, "\(String(describing: error))")
    }

    // MARK: Syntax

    @Test("a TOML syntax error names the file and the line")
    func syntaxError() {
        let error = ConfigurationProbe.error("""
            timezone = "UTC"
            [log]
            format = "combined
            [count]
            """)
        guard case .syntax(let path, let line, _)? = error else {
            Issue.record("expected a syntax error, got \(String(describing: error))")
            return
        }
        #expect(path == "test.toml")
        #expect(line == 3)
    }

    @Test("a key written twice is a syntax error on the second line")
    func duplicateKeySyntax() {
        let error = ConfigurationProbe.error("timezone = \"UTC\"\n\ntimezone = \"UTC\"")
        guard case .syntax(_, let line, _)? = error else {
            Issue.record("expected a syntax error, got \(String(describing: error))")
            return
        }
        #expect(line == 3)
    }

    @Test("every error's message names its key")
    func messagesNameKeys() {
        let errors: [ConfigurationError] = [
            .wrongType(key: "log.format", line: 2, expected: "a string", found: "an integer"),
            .invalidValue(key: "detect.near_limit", line: 9, reason: "must be a share"),
            .missingKey(key: "quota[0].period", line: 7, hint: "use day"),
            .badReferencedFile(key: "identity.keys", path: "k.csv", reason: "gone"),
        ]
        #expect(errors[0].description == "'log.format' (line 2) must be a string, found an integer")
        #expect(errors[1].description == "'detect.near_limit' (line 9): must be a share")
        #expect(errors[2].description.hasPrefix("'quota[0].period' (line 7) is required"))
        #expect(errors[3].description.contains("'identity.keys' names 'k.csv'"))
    }
}
