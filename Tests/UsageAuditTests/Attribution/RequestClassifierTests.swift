import Testing
@testable import UsageAudit

@Suite("RequestClassifier")
struct RequestClassifierTests {
    private static let catalog = FieldCatalog(names: ["upstream_http_x_units", "request_time"])

    private func classifier(_ configuration: String) throws -> RequestClassifier {
        try RequestClassifier(configuration: ConfigurationLoader.parse(text: configuration), fields: Self.catalog)
    }

    private func record(method: String = "GET", path: String = "/", status: Int = 200, units: String? = nil) -> HandBuiltRecord {
        HandBuiltRecord(
            method: method, path: path, status: status, fields: Self.catalog,
            namedFields: units.map { ["upstream_http_x_units": $0] } ?? [:])
    }

    // MARK: count.paths

    @Test("without count.paths every path is counted")
    func everyPathCounted() throws {
        let classifier = try classifier("")
        for path in ["/", "/api/x", "/health", ""] {
            #expect(record(path: path).withRecord(classifier.isCounted), "\(path)")
        }
    }

    @Test("count.paths are byte prefixes")
    func pathPrefixes() throws {
        let classifier = try classifier("[count]\npaths = [\"/api/\", \"/v2\"]")
        #expect(record(path: "/api/").withRecord(classifier.isCounted))
        #expect(record(path: "/api/v1/geocode").withRecord(classifier.isCounted))
        #expect(record(path: "/v2").withRecord(classifier.isCounted))
        #expect(record(path: "/v2beta").withRecord(classifier.isCounted))
        #expect(!record(path: "/api").withRecord(classifier.isCounted))
        #expect(!record(path: "/apix/").withRecord(classifier.isCounted))
        #expect(!record(path: "/API/x").withRecord(classifier.isCounted))
        #expect(!record(path: "/health").withRecord(classifier.isCounted))
        #expect(!record(path: "").withRecord(classifier.isCounted))
    }

    // MARK: Status

    @Test("by default 429 is a rejection that consumes nothing; other statuses consume")
    func defaultStatus() throws {
        let classifier = try classifier("")
        #expect(record(status: 429).withRecord(classifier.outcome(of:)) == .rejected)
        for status in [0, 200, 204, 301, 404, 500, 599] {
            #expect(record(status: status).withRecord(classifier.outcome(of:)) == .consumed(rejected: false), "\(status)")
        }
    }

    @Test("statuses outside 0…599 use the same rules and never trap", arguments: [-1, 600, 999, Int.max, Int.min])
    func oddStatus(status: Int) throws {
        let byDefault = try classifier("")
        let allowList = try classifier("[count]\nstatus = [\"2xx\"]")
        #expect(record(status: status).withRecord(byDefault.outcome(of:)) == .consumed(rejected: false))
        #expect(record(status: status).withRecord(allowList.outcome(of:)) == .excluded)
    }

    @Test("custom exclude_status: excluded codes are excluded, a 429 not excluded consumes and is a rejection")
    func customExclusions() throws {
        let classifier = try classifier("[count]\nexclude_status = [404, \"5xx\"]")
        #expect(record(status: 404).withRecord(classifier.outcome(of:)) == .excluded)
        #expect(record(status: 503).withRecord(classifier.outcome(of:)) == .excluded)
        #expect(record(status: 429).withRecord(classifier.outcome(of:)) == .consumed(rejected: true))
        #expect(record(status: 200).withRecord(classifier.outcome(of:)) == .consumed(rejected: false))
    }

    @Test("an allow-list [\"2xx\"]: only successes consume, 429 stays a rejection")
    func allowList() throws {
        let classifier = try classifier("[count]\nstatus = [\"2xx\"]")
        #expect(record(status: 200).withRecord(classifier.outcome(of:)) == .consumed(rejected: false))
        #expect(record(status: 204).withRecord(classifier.outcome(of:)) == .consumed(rejected: false))
        #expect(record(status: 304).withRecord(classifier.outcome(of:)) == .excluded)
        #expect(record(status: 404).withRecord(classifier.outcome(of:)) == .excluded)
        #expect(record(status: 500).withRecord(classifier.outcome(of:)) == .excluded)
        #expect(record(status: 429).withRecord(classifier.outcome(of:)) == .rejected)
    }

    @Test("an allow-list with 429 and no exclusions counts 429 as consumed and rejected")
    func allowListWith429() throws {
        let classifier = try classifier("[count]\nstatus = [\"2xx\", 429]\nexclude_status = []")
        #expect(record(status: 429).withRecord(classifier.outcome(of:)) == .consumed(rejected: true))
        #expect(record(status: 404).withRecord(classifier.outcome(of:)) == .excluded)
    }

    // MARK: Scopes

    private static let scopes = """
        [[scope]]
        name = "geocoding"
        paths = ["/api/v1/geocode", "/api/v2/geocode"]

        [[scope]]
        name = "routing-write"
        regex = '^/api/v[0-9]+/route(/|$)'
        methods = ["post"]

        [[scope]]
        name = "routing"
        regex = '^/api/v[0-9]+/route(/|$)'

        [[scope]]
        name = "api"
        paths = ["/api/"]
        cost = 2
        """

    private func scopeName(_ classifier: RequestClassifier, method: String = "GET", _ path: String) -> String {
        let names = ["geocoding", "routing-write", "routing", "api", "other"]
        return names[record(method: method, path: path).withRecord(classifier.scope(of:))]
    }

    @Test("scopes by prefix, by regex, by method; first match wins; else other")
    func scopes() throws {
        let classifier = try classifier(Self.scopes)
        #expect(classifier.otherScopeIndex == 4)
        #expect(scopeName(classifier, "/api/v1/geocode") == "geocoding")
        #expect(scopeName(classifier, "/api/v2/geocode/batch") == "geocoding")
        #expect(scopeName(classifier, method: "POST", "/api/v1/route") == "routing-write")
        #expect(scopeName(classifier, method: "POST", "/api/v12/route/a") == "routing-write")
        #expect(scopeName(classifier, method: "GET", "/api/v1/route") == "routing")
        // Methods compare exactly (logs write them upper case).
        #expect(scopeName(classifier, method: "post", "/api/v1/route") == "routing")
        #expect(scopeName(classifier, "/api/v1/routes") == "api")
        #expect(scopeName(classifier, "/api/vx/route") == "api")
        #expect(scopeName(classifier, "/api/v3/geocode") == "api")
        #expect(scopeName(classifier, "/health") == "other")
        #expect(scopeName(classifier, "") == "other")
    }

    @Test("paths are matched as the server served them: //, %XX and .. do not move a request out of its scope or count")
    func normalizedPaths() throws {
        let classifier = try classifier(Self.scopes + "\n[count]\npaths = [\"/api/\"]\n")
        for path in ["//api/v1/geocode", "/api/v1/%67eocode", "/api/v1/route/../geocode", "/api//v1/geocode"] {
            #expect(record(path: path).withRecord(classifier.isCounted), "\(path)")
            #expect(scopeName(classifier, path) == "geocoding", "\(path)")
        }
        #expect(!record(path: "/api/../health").withRecord(classifier.isCounted))
    }

    @Test("countedScope is scope(of:) for a counted request and nil for one outside count.paths")
    func countedScope() throws {
        let classifier = try classifier(Self.scopes + "\n[count]\npaths = [\"/api/\", \"/v2/\"]\n")
        let paths = ["/api/v1/geocode", "//api/v1/route", "/api/../health", "/v2/x", "/health", "", "/api", "/api/"]
        for path in paths {
            for method in ["GET", "POST"] {
                let request = record(method: method, path: path)
                let expected = request.withRecord(classifier.isCounted) ? request.withRecord(classifier.scope(of:)) : nil
                #expect(request.withRecord(classifier.countedScope(of:)) == expected, "\(method) \(path)")
            }
        }
        let everything = try self.classifier(Self.scopes)
        #expect(record(path: "/health").withRecord(everything.countedScope(of:)) == everything.otherScopeIndex)
    }

    @Test("a regex matches anywhere unless anchored")
    func unanchoredRegex() throws {
        let classifier = try classifier("[[scope]]\nname = \"tiles\"\nregex = '[0-9]+/[0-9]+/[0-9]+\\.png$'")
        #expect(record(path: "/maps/3/4/5.png").withRecord(classifier.scope(of:)) == 0)
        #expect(record(path: "/maps/3/4/5.png.bak").withRecord(classifier.scope(of:)) == 1)
    }

    @Test("a NUL byte in a path does not end the regex's subject early")
    func nulInPath() throws {
        let classifier = try classifier("[[scope]]\nname = \"x\"\nregex = 'secret$'")
        #expect(record(path: "/a\u{0}secret").withRecord(classifier.scope(of:)) == 0)
        #expect(record(path: "/secret\u{0}").withRecord(classifier.scope(of:)) == 1)
    }

    @Test("a long path is matched by a regex too")
    func longPath() throws {
        let classifier = try classifier("[[scope]]\nname = \"x\"\nregex = 'end$'")
        let path = "/" + String(repeating: "a", count: 5000) + "end"
        #expect(record(path: path).withRecord(classifier.scope(of:)) == 0)
        #expect(record(path: "/short").withRecord(classifier.scope(of:)) == 1)
    }

    // MARK: Cost

    @Test("constant costs, and 1 unit for other")
    func constantCost() throws {
        let classifier = try classifier(Self.scopes)
        let request = record(path: "/api/x")
        #expect(request.withRecord { classifier.units(of: $0, scope: 0) } == 1)
        #expect(request.withRecord { classifier.units(of: $0, scope: 3) } == 2)
        #expect(request.withRecord { classifier.units(of: $0, scope: classifier.otherScopeIndex) } == 1)
    }

    @Test("cost from a field: its whole number (7 or 7.0) up to 2^40, 0 for '-' or empty, nil (unreadable) for anything else", arguments: [
        ("7", Int64(7) as Int64?),
        ("0", 0),
        ("1500", 1500),
        ("-", 0),
        ("", 0),
        ("abc", nil),
        ("2.5", nil),
        ("7.0", 7),
        ("12.000", 12),
        ("7.", nil),
        (".0", nil),
        ("2.50", nil),
        ("-3", nil),
        (" 4", nil),
        ("3, 4", nil),
        ("99999999999999999999999", nil),
        ("9223372036854775807", nil),
        ("4611686018427387904", nil),
        ("1099511627776", 1 << 40),
        ("1099511627777", nil),
        ("1099511627776.0", 1 << 40),
        ("1099511627777.0", nil),
    ])
    func fieldCost(value: String, units: Int64?) throws {
        let classifier = try classifier("[[scope]]\nname = \"iso\"\npaths = [\"/iso\"]\ncost = \"field:upstream_http_x_units\"")
        #expect(record(path: "/iso", units: value).withRecord { classifier.units(of: $0, scope: 0) } == units)
    }

    @Test("a missing cost field costs 0")
    func missingCostField() throws {
        let classifier = try classifier("[[scope]]\nname = \"iso\"\npaths = [\"/iso\"]\ncost = \"field:upstream_http_x_units\"")
        #expect(record(path: "/iso").withRecord { classifier.units(of: $0, scope: 0) } == 0)
    }

    @Test("a cost field the format lacks is refused when the classifier is made")
    func unknownCostField() {
        #expect(throws: FormatError.unknownField("units", available: ["upstream_http_x_units", "request_time"])) {
            _ = try classifier("[[scope]]\nname = \"iso\"\npaths = [\"/iso\"]\ncost = \"field:units\"")
        }
    }
}
