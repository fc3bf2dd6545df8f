import Foundation
import Testing
@testable import UsageAudit

@Suite("ConfigurationLoader: the DESIGN example and defaults")
struct ConfigurationLoaderTests {
    @Test("the DESIGN §4 example parses to the values it writes")
    func designExample() throws {
        let configuration = try ConfigurationLoader.parse(text: ConfigurationProbe.designExample, baseDirectory: "/etc/audit")
        // Foundation on Linux names UTC "GMT"; what matters is the zone itself.
        #expect(configuration.timeZone == TimeZone(identifier: "UTC"))
        #expect(configuration.timeZone.secondsFromGMT() == 0)
        #expect(configuration.log.format == "combined")
        #expect(configuration.log.timeZone == TimeZone(identifier: "UTC"))
        #expect(configuration.log.jsonMapping.isEmpty)
        #expect(configuration.identity.sources == [.user, .query("api_key")])
        #expect(configuration.identity.keysFile == "keys.csv")
        #expect(configuration.identity.anonymous == .skip)
        #expect(configuration.count.paths == ["/api/"])
        #expect(configuration.count.excludeStatus == [.code(429)])
        #expect(configuration.count.status == nil)
        #expect(configuration.scopes == [
            ScopeRule(name: "geocoding", paths: ["/api/v1/geocode"], cost: .constant(1)),
            ScopeRule(name: "isolines", paths: ["/api/v1/isolines"], cost: .field("upstream_http_x_units")),
        ])
        #expect(configuration.quotas == [
            QuotaRule(scope: "all", period: .day, defaultLimit: 5000, hard: true),
            QuotaRule(scope: "isolines", period: .month, defaultLimit: 2000, hard: false, blockPrice: 1500),
        ])
        #expect(configuration.analysis == AnalysisSettings(nearLimit: 0.9, headroom: 1.15))
        #expect(configuration.baseDirectory == "/etc/audit")
        #expect(configuration.resolve(path: configuration.identity.keysFile!) == "/etc/audit/keys.csv")
        #expect(configuration.scopeNames == ["geocoding", "isolines", "other"])
        #expect(configuration.periods(forScope: "isolines") == [.day, .month])
        #expect(configuration.periods(forScope: "all") == [.day])
        #expect(configuration.periods(forScope: "geocoding") == [.day])
    }

    @Test("an empty or comment-only file is doubted (every default applies); a file with one setting is not",
          arguments: [("", true), ("# nothing yet\n", true), ("timezone = \"UTC\"\n", false)])
    func emptyFileDoubted(text: String, doubted: Bool) throws {
        let doubts = try ConfigurationLoader.parse(text: text).doubts
        #expect(doubts.contains { $0.contains("holds no setting") } == doubted, "\(doubts)")
    }

    @Test("an empty file gives every default")
    func emptyFileDefaults() throws {
        var configuration = try ConfigurationLoader.parse(text: "")
        #expect(configuration.doubts.count == 1)
        configuration.doubts = []
        #expect(configuration == AuditConfiguration())
        #expect(configuration.timeZone == TimeZone(identifier: "UTC"))
        #expect(configuration.log.format == "combined")
        #expect(configuration.identity == IdentitySettings(sources: [.user], keysFile: nil, anonymous: .skip))
        #expect(configuration.count == CountSettings(paths: [], excludeStatus: [.code(429)], status: nil))
        #expect(configuration.scopes.isEmpty)
        #expect(configuration.quotas.isEmpty)
        #expect(configuration.analysis.nearLimit == 0.9)
        #expect(configuration.analysis.headroom == 1.15)
        #expect(configuration.scopeNames == ["other"])
    }

    @Test("empty sections keep their defaults")
    func emptySections() throws {
        let configuration = try ConfigurationLoader.parse(text: """
            timezone = "Europe/Berlin"
            [log]
            [identity]
            [count]
            [detect]
            [recommend]
            """)
        #expect(configuration.timeZone.identifier == "Europe/Berlin")
        // The log zone defaults to the top-level zone.
        #expect(configuration.log.timeZone.identifier == "Europe/Berlin")
        #expect(configuration.log.format == "combined")
        #expect(configuration.identity == IdentitySettings())
        #expect(configuration.count == CountSettings())
        #expect(configuration.analysis == AnalysisSettings())
    }

    @Test("[log] reads format, its own time zone and the JSON mapping")
    func logSection() throws {
        let configuration = try ConfigurationLoader.parse(text: """
            timezone = "America/New_York"
            [log]
            format = "json"
            timezone = "Asia/Tokyo"
            [log.json]
            time = "ts"
            path = "request.uri"
            """)
        #expect(configuration.timeZone.identifier == "America/New_York")
        #expect(configuration.log.timeZone.identifier == "Asia/Tokyo")
        #expect(configuration.log.format == "json")
        #expect(configuration.log.jsonMapping == ["time": "ts", "path": "request.uri"])
    }

    @Test("[identity] reads sources in order, keys and the ip policy")
    func identitySection() throws {
        let configuration = try ConfigurationLoader.parse(text: """
            [identity]
            from = ["field:http_x_api_key", "query:key", "user"]
            keys = "/abs/keys.csv"
            anonymous = "ip"
            """)
        #expect(configuration.identity.sources == [.field("http_x_api_key"), .query("key"), .user])
        #expect(configuration.identity.anonymous == .ip)
        #expect(configuration.resolve(path: "/abs/keys.csv") == "/abs/keys.csv")
    }

    @Test("a single string is accepted where a list of strings is expected")
    func singleStringAsList() throws {
        let configuration = try ConfigurationLoader.parse(text: """
            [identity]
            from = "query:api_key"
            [count]
            paths = "/api/"
            """)
        #expect(configuration.identity.sources == [.query("api_key")])
        #expect(configuration.count.paths == ["/api/"])
    }

    @Test("[count] reads status classes and codes, as strings or integers")
    func countStatus() throws {
        let configuration = try ConfigurationLoader.parse(text: """
            [count]
            status = ["2xx", 304, "404"]
            exclude_status = []
            """)
        #expect(configuration.count.status == [.statusClass(2), .code(304), .code(404)])
        #expect(configuration.count.excludeStatus.isEmpty)
        #expect(configuration.count.consumes(status: 204))
        #expect(configuration.count.consumes(status: 304))
        #expect(configuration.count.consumes(status: 404))
        #expect(!configuration.count.consumes(status: 403))
        #expect(!configuration.count.consumes(status: 500))
        // 429 is not excluded here, but is not in the allow-list either.
        #expect(!configuration.count.consumes(status: 429))
    }

    @Test("a timezone written under [log] with none at the top level is doubted (TOML's table trap); either alone or both are not")
    func timezoneUnderLog() throws {
        let trapped = try ConfigurationLoader.parse(text: "[log]\nformat = \"combined\"\n\ntimezone = \"Europe/Berlin\"\n")
        #expect(trapped.timeZoneName == "UTC")
        #expect(trapped.doubts.count == 1 && trapped.doubts[0].contains("'log.timezone' (line 4)") && trapped.doubts[0].contains("above the first [table]"))
        #expect(try ConfigurationLoader.parse(text: "timezone = \"Europe/Berlin\"\n[log]\ntimezone = \"UTC\"\n").doubts.isEmpty)
        #expect(try ConfigurationLoader.parse(text: "timezone = \"Europe/Berlin\"\n[log]\nformat = \"combined\"\n").doubts.isEmpty)
    }

    @Test("a [log.json] key that is no role and that no field: source uses is doubted (a typo or synonym of a role named); a used custom field is not")
    func misspeltJSONRole() throws {
        let typo = try ConfigurationLoader.parse(text: "[log]\nformat = \"json\"\n[log.json]\nremote_usr = \"u\"\n")
        #expect(typo.doubts == ["[log.json] 'remote_usr' is no role, so it names a field for field:remote_usr, which nothing uses; did you mean 'remote_user'?"])
        let used = try ConfigurationLoader.parse(text: "[log]\nformat = \"json\"\n[log.json]\nremote_usr = \"u\"\n[identity]\nfrom = [\"field:remote_usr\"]\n")
        #expect(used.doubts.isEmpty)
        let synonym = try ConfigurationLoader.parse(text: "[log]\nformat = \"json\"\n[log.json]\nuser = \"who\"\n")
        #expect(synonym.doubts == ["[log.json] 'user' is no role, so it names a field for field:user, which nothing uses; did you mean 'remote_user'?"])
        let unknown = try ConfigurationLoader.parse(text: "[log]\nformat = \"json\"\n[log.json]\ntenant = \"org.id\"\n")
        #expect(unknown.doubts.count == 1 && unknown.doubts[0].contains("the roles are remote_addr, remote_user, time"), "\(unknown.doubts)")
    }

    @Test("an allow-list that names 429 lifts the default exclusion of 429; a class does not")
    func allowListNaming429() throws {
        let named = try ConfigurationLoader.parse(text: "[count]\nstatus = [\"2xx\", 429]")
        #expect(named.count.consumes(status: 429))
        #expect(named.count.consumes(status: 200))
        #expect(!named.count.consumes(status: 404))
        let byClass = try ConfigurationLoader.parse(text: "[count]\nstatus = [\"2xx\", \"4xx\"]")
        #expect(!byClass.count.consumes(status: 429))
        #expect(byClass.count.consumes(status: 404))
    }

    @Test("a regex may use glibc's \\w \\s \\b, escaped punctuation, an escaped backslash, and bracket members POSIX reads as written")
    func supportedRegexEscapes() throws {
        for regex in [#"^/api/\w+/\.json$"#, #"\bgeo\B"#, #"^/a[]b]\\d"#, #"^/[[:alpha:]][0-9]"#, #"^/[^]/]+x"#, #"^/a[\]"#, #"^/[[.-.]a]"#] {
            let configuration = try ConfigurationLoader.parse(text: "[[scope]]\nname = \"a\"\nregex = '\(regex)'")
            #expect(configuration.scopes.first?.regex == regex)
        }
    }

    @Test("[[scope]] reads regex, methods (upper-cased) and defaults cost to 1")
    func scopeDetails() throws {
        let configuration = try ConfigurationLoader.parse(text: """
            [[scope]]
            name = "routing"
            regex = '^/api/v[0-9]+/route'
            methods = ["post", "Put"]
            """)
        #expect(configuration.scopes == [
            ScopeRule(name: "routing", regex: "^/api/v[0-9]+/route", methods: ["POST", "PUT"], cost: .constant(1)),
        ])
    }

    @Test("[[quota]] defaults: scope all, hard, no limit, no price; Nd with an anchor; month@D; a bare number of days")
    func quotaDetails() throws {
        let configuration = try ConfigurationLoader.parse(text: """
            [[scope]]
            name = "search"
            paths = ["/search"]

            [[quota]]
            period = "week"

            [[quota]]
            scope = "search"
            period = "30d"
            anchor = 2026-01-15

            [[quota]]
            scope = "search"
            period = "month@31"
            default = -1

            [[quota]]
            scope = "other"
            period = 7
            default = 0
            """)
        let anchor = LocalDay(CivilDate(year: 2026, month: 1, day: 15))
        #expect(configuration.quotas == [
            QuotaRule(scope: "all", period: .week, defaultLimit: nil, hard: true, blockPrice: nil),
            QuotaRule(scope: "search", period: .days(30, anchor: anchor)),
            QuotaRule(scope: "search", period: .billingCycle(day: 31), defaultLimit: -1),
            QuotaRule(scope: "other", period: .days(7, anchor: LocalDay(number: 0)), defaultLimit: 0),
        ])
        #expect(configuration.periods(forScope: "search") == [.day, .days(30, anchor: anchor), .billingCycle(day: 31)])
        #expect(configuration.quota(scope: "all", period: .week)?.hard == true)
        #expect(configuration.quota(scope: "all", period: .month) == nil)
    }

    @Test("a quota for period day does not add a second day period")
    func dayQuotaIsNotRepeated() throws {
        let configuration = try ConfigurationLoader.parse(text: """
            [[quota]]
            period = "day"
            default = 10
            [[quota]]
            period = "month"
            """)
        #expect(configuration.periods(forScope: "all") == [.day, .month])
    }

    @Test("a quoted top-level key is read like a bare one")
    func quotedKey() throws {
        let configuration = try ConfigurationLoader.parse(text: #""timezone" = "Asia/Kolkata""#)
        #expect(configuration.timeZone.identifier == "Asia/Kolkata")
    }

    @Test("load(path:) reads a file and resolves paths against its folder")
    func loadFromFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/audit.toml"
        try ConfigurationProbe.designExample.write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = try ConfigurationLoader.load(path: path)
        #expect(configuration.baseDirectory == directory)
        #expect(configuration.resolve(path: "keys.csv") == directory + "/keys.csv")
        #expect(configuration.resolve(path: "sub/keys.csv") == directory + "/sub/keys.csv")
        #expect(configuration.resolve(path: "/elsewhere/keys.csv") == "/elsewhere/keys.csv")
        #expect(configuration.quotas.count == 2)
    }

    @Test("load(path:) of a missing file is unreadable, naming the path")
    func loadMissingFile() {
        #expect(throws: ConfigurationError.unreadable(path: "/no/such/audit.toml", reason: "no such file")) {
            try ConfigurationLoader.load(path: "/no/such/audit.toml")
        }
    }

    @Test("load(path:) of a file that is not UTF-8 is unreadable")
    func loadBinaryFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).toml").path
        _ = FileManager.default.createFile(atPath: path, contents: Data([0x74, 0x3D, 0xFF, 0xFE, 0x20, 0xC3]))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ConfigurationError.unreadable(path: path, reason: "it is not UTF-8 text: save it as UTF-8")) {
            try ConfigurationLoader.load(path: path)
        }
    }

    @Test("load(path:) of a file with a NUL names its line instead of reading up to it (the keys after it were dropped)",
          arguments: [("timezone = \"UTC\"\n# \u{0}\nbogus = 1\n", 2), ("\u{0}\u{0}", 1)])
    func loadFileWithNUL(text: String, line: Int) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).toml").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try ConfigurationLoader.load(path: path)
            Issue.record("a NUL byte was read past")
        } catch {
            guard case .unreadable(_, let reason) = error else {
                Issue.record("expected unreadable, got \(error)")
                return
            }
            #expect(reason.hasPrefix("line \(line) holds a NUL byte") && reason.contains("UTF-8"), "\(reason)")
        }
    }

    @Test("load(path:) of a folder says it is one and names the file to give")
    func loadFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: ConfigurationError.unreadable(
            path: folder, reason: "it is a folder: name the TOML file in it (e.g. \(folder)/config.toml)")) {
            try ConfigurationLoader.load(path: folder)
        }
    }

    @Test("a relative configuration path without a folder resolves against '.'")
    func resolveWithoutFolder() {
        let configuration = AuditConfiguration(baseDirectory: ".")
        #expect(configuration.resolve(path: "keys.csv") == "./keys.csv")
        #expect(configuration.resolve(path: "/k.csv") == "/k.csv")
    }
}
