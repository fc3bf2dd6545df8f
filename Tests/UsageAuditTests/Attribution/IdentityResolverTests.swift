import Testing
@testable import UsageAudit

@Suite("IdentityResolver")
struct IdentityResolverTests {
    private static let catalog = FieldCatalog(names: ["http_x_api_key", "request_time"])
    private static let keys = KeyDirectory(users: ["K-ALICE-0001": "alice", "ab+cd/ef": "carol", "kévé": "dora"])

    private func resolver(
        _ sources: [IdentitySource], anonymous: IdentitySettings.AnonymousPolicy = .skip,
        keys: KeyDirectory = IdentityResolverTests.keys
    ) throws -> IdentityResolver {
        try IdentityResolver(
            settings: IdentitySettings(sources: sources, anonymous: anonymous), keys: keys, fields: Self.catalog)
    }

    /// Resolves `fixture`; the label starts as `untouched` so that a skipped request shows it.
    private func resolve(_ resolver: inout IdentityResolver, _ fixture: HandBuiltRecord) -> (IdentityResolver.Resolution, String) {
        var label = Array("untouched".utf8)
        let resolution = fixture.withRecord { resolver.resolve($0, into: &label) }
        return (resolution, String(decoding: label, as: UTF8.self))
    }

    private func record(
        address: String = "10.0.0.1", user: String = "", query: String = "", header: String? = nil
    ) -> HandBuiltRecord {
        HandBuiltRecord(
            address: address, user: user, query: query, fields: Self.catalog,
            namedFields: header.map { ["http_x_api_key": $0] } ?? [:])
    }

    // MARK: Sources

    @Test("the authenticated user is taken as is")
    func user() throws {
        var resolver = try resolver([.user])
        #expect(resolve(&resolver, record(user: "alice")) == (.identified, "alice"))
    }

    @Test("'-' and empty values are absent, so the next source is tried")
    func dashIsAbsent() throws {
        var resolver = try resolver([.user, .field("http_x_api_key"), .query("api_key")])
        #expect(resolve(&resolver, record(user: "-", query: "api_key=K-ALICE-0001", header: "-")) == (.identified, "alice"))
        #expect(resolve(&resolver, record(user: "", query: "api_key=", header: "")) == (.unattributed, "untouched"))
    }

    @Test("sources are tried in the configured order, first non-empty wins")
    func order() throws {
        let both = record(user: "bob", query: "api_key=K-ALICE-0001")
        var userFirst = try resolver([.user, .query("api_key")])
        #expect(resolve(&userFirst, both) == (.identified, "bob"))
        var keyFirst = try resolver([.query("api_key"), .user])
        #expect(resolve(&keyFirst, both) == (.identified, "alice"))
        var headerFirst = try resolver([.field("http_x_api_key"), .query("api_key"), .user])
        #expect(resolve(&headerFirst, record(user: "bob", query: "api_key=K-ALICE-0001", header: "ab+cd/ef")) == (.identified, "carol"))
    }

    @Test("a mapped key gives its user, from a query or a field")
    func mappedKey() throws {
        var resolver = try resolver([.query("api_key"), .field("http_x_api_key")])
        #expect(resolve(&resolver, record(query: "a=1&api_key=K-ALICE-0001&b=2")) == (.identified, "alice"))
        #expect(resolve(&resolver, record(header: "K-ALICE-0001")) == (.identified, "alice"))
        #expect(resolve(&resolver, record(header: "kévé")) == (.identified, "dora"))
    }

    @Test("an unknown key is masked to its first 6 characters, an ellipsis and a fingerprint")
    func maskedKey() throws {
        var resolver = try resolver([.query("api_key")])
        let secret = "sk_live_51HxYzVeryLongSecretValue"
        let (resolution, label) = resolve(&resolver, record(query: "api_key=\(secret)"))
        #expect(resolution == .identified)
        #expect(label == MaskedKey.label(secret) && label.hasPrefix("key:sk_liv…#"))
        #expect(!label.contains(secret))
        #expect(!label.contains("sk_live"))
    }

    @Test("a short unknown key is shown whole with the ellipsis (its label is its name in state stores); a 6-character one too; keys alike stay apart")
    func shortKeys() throws {
        var resolver = try resolver([.field("http_x_api_key")])
        #expect(resolve(&resolver, record(header: "abc")).1 == MaskedKey.label("abc"))
        #expect(resolve(&resolver, record(header: "abcdef")).1 == MaskedKey.label("abcdef"))
        #expect(resolve(&resolver, record(header: "abcdefg")).1 == MaskedKey.label("abcdefg"))
        // Two keys that share their first six characters are two users.
        let first = resolve(&resolver, record(header: "abcdef111111")).1
        let second = resolve(&resolver, record(header: "abcdef222222")).1
        #expect(first.hasPrefix("key:abcdef…#") && second.hasPrefix("key:abcdef…#") && first != second)
    }

    @Test("masking counts characters, not bytes, and keeps UTF-8 whole")
    func maskedUnicodeKey() throws {
        var resolver = try resolver([.field("http_x_api_key")])
        #expect(resolve(&resolver, record(header: "ключ-секрет")).1 == MaskedKey.label("ключ-секрет"))
        #expect(resolve(&resolver, record(header: "🔑🔑🔑🔑🔑🔑🔑🔑")).1 == MaskedKey.label("🔑🔑🔑🔑🔑🔑🔑🔑"))
    }

    @Test("a key of invalid UTF-8 is never shown whole")
    func maskedInvalidKey() throws {
        var resolver = try resolver([.query("api_key")])
        // 'a' then 40 stray continuation bytes: at most 6 characters may be shown.
        let query = Array("api_key=a".utf8) + Array(repeating: 0x80, count: 40)
        var label: [UInt8] = []
        let fixture = HandBuiltRecord(query: "", queryBytes: query, fields: Self.catalog)
        #expect(fixture.withRecord { resolver.resolve($0, into: &label) } == .identified)
        // "key:", at most 6 characters, "…#" and 8 hex digits.
        let shown = label.dropFirst(4).dropLast(3 + 1 + 8)
        #expect(label.starts(with: Array("key:".utf8)))
        #expect(label.dropLast(9).suffix(3) == [0xE2, 0x80, 0xA6])
        #expect(shown.count <= 6 * 4)
        #expect(shown.count < 41)
    }

    @Test("query values are percent-decoded before lookup and masking")
    func percentDecoding() throws {
        var resolver = try resolver([.query("api_key")])
        #expect(resolve(&resolver, record(query: "api_key=ab%2Bcd%2fef")) == (.identified, "carol"))
        #expect(resolve(&resolver, record(query: "api_key=k%C3%A9v%C3%A9")) == (.identified, "dora"))
        // '+' is kept, not read as a space.
        #expect(resolve(&resolver, record(query: "api_key=ab+cd%2Fef")) == (.identified, "carol"))
        // A broken escape is kept as written.
        #expect(resolve(&resolver, record(query: "api_key=%zz1234567")).1 == MaskedKey.label("%zz1234567"))
        #expect(resolve(&resolver, record(query: "api_key=ab%2")).1 == MaskedKey.label("ab%2"))
    }

    @Test("only the exact parameter name matches; ';' separates too; a leading '?' is skipped")
    func parameterName() throws {
        var resolver = try resolver([.query("api_key")])
        #expect(resolve(&resolver, record(query: "xapi_key=nope&api_key_2=nope&api_key=K-ALICE-0001")) == (.identified, "alice"))
        #expect(resolve(&resolver, record(query: "a=1;api_key=K-ALICE-0001")) == (.identified, "alice"))
        #expect(resolve(&resolver, record(query: "api_key")) == (.unattributed, "untouched"))
        #expect(resolve(&resolver, record(query: "API_KEY=K-ALICE-0001")) == (.unattributed, "untouched"))
        #expect(resolve(&resolver, record(query: "&&=&api_key")) == (.unattributed, "untouched"))
        // A query logged with its '?' (a JSON log's query field).
        #expect(resolve(&resolver, record(query: "?api_key=K-ALICE-0001")) == (.identified, "alice"))
        #expect(resolve(&resolver, record(query: "?")) == (.unattributed, "untouched"))
    }

    // MARK: Anonymous requests

    @Test("with anonymous = skip an unattributed request leaves the label alone")
    func skip() throws {
        var resolver = try resolver([.user])
        #expect(resolve(&resolver, record(address: "1.2.3.4", user: "-")) == (.unattributed, "untouched"))
    }

    @Test("with anonymous = ip the address is the label, without a port", arguments: [
        ("1.2.3.4", "ip:1.2.3.4"),
        ("1.2.3.4:5678", "ip:1.2.3.4"),
        ("[::1]:443", "ip:::1"),
        ("[2001:db8::7]", "ip:2001:db8::7"),
        ("2001:db8::7", "ip:2001:db8::7"),
        ("::1", "ip:::1"),
        ("fe80::1%eth0", "ip:fe80::1%eth0"),
        ("proxy.example.org", "ip:proxy.example.org"),
        ("[::1", "ip:::1"),
    ])
    func byAddress(address: String, label: String) throws {
        var resolver = try resolver([.user], anonymous: .ip)
        #expect(resolve(&resolver, record(address: address)) == (.byAddress, label))
    }

    @Test("with anonymous = ip but no address the request is unattributed", arguments: ["", "-"])
    func noAddress(address: String) throws {
        var resolver = try resolver([.user], anonymous: .ip)
        #expect(resolve(&resolver, record(address: address)) == (.unattributed, "untouched"))
    }

    @Test("an identified request never falls back to the address")
    func identifiedBeatsAddress() throws {
        var resolver = try resolver([.user], anonymous: .ip)
        #expect(resolve(&resolver, record(address: "1.2.3.4", user: "alice")) == (.identified, "alice"))
    }

    // MARK: Setup

    @Test("a field source the format lacks is refused when the resolver is made")
    func unknownField() {
        #expect(throws: FormatError.unknownField("http_x_token", available: ["http_x_api_key", "request_time"])) {
            _ = try IdentityResolver(
                settings: IdentitySettings(sources: [.field("http_x_token")]), keys: KeyDirectory(), fields: Self.catalog)
        }
        // The message says where in the configuration a field is asked for.
        #expect(FormatError.unknownField("http_x_token", available: []).description.contains("'field:http_x_token' in [identity] from"))
    }

    @Test("with no sources every request is anonymous")
    func noSources() throws {
        var resolver = try resolver([], anonymous: .ip)
        #expect(resolve(&resolver, record(address: "9.9.9.9", user: "alice")) == (.byAddress, "ip:9.9.9.9"))
    }

    @Test("many mapped keys are all found")
    func manyKeys() throws {
        var users: [String: String] = [:]
        for index in 0..<5000 { users["key-\(index)"] = "user-\(index)" }
        var resolver = try resolver([.query("k")], keys: KeyDirectory(users: users))
        for index in stride(from: 0, to: 5000, by: 97) {
            #expect(resolve(&resolver, record(query: "k=key-\(index)")).1 == "user-\(index)")
        }
        #expect(resolve(&resolver, record(query: "k=key-5000")).1 == MaskedKey.label("key-5000"))
    }

    @Test("a key is matched by its bytes: two spellings of one text in the key file map to their own users")
    func keySpellings() throws {
        let keys = KeyDirectory(users: ["K\u{E9}1": "alice"])
        var both = keys
        #expect(both.assign("Ke\u{301}1", to: "bob") == nil)
        var resolver = try resolver([.query("k")], keys: both)
        #expect(resolve(&resolver, record(query: "k=K%C3%A91")) == (.identified, "alice"))
        #expect(resolve(&resolver, record(query: "k=Ke%CC%811")) == (.identified, "bob"))
        var composedOnly = try self.resolver([.query("k")], keys: keys)
        #expect(resolve(&composedOnly, record(query: "k=Ke%CC%811")).1 == MaskedKey.label("Ke\u{301}1"))
    }

    @Test("lines parsed with the combined format attribute like hand-built records")
    func parsedLines() throws {
        let format = try TemplateLogFormat("combined")
        let fields = try format.fieldCatalog(requesting: [])
        var parser = format.makeParser(fields: fields, calendar: ZonedCalendar(timeZone: .gmt))
        var resolver = try IdentityResolver(
            settings: IdentitySettings(sources: [.user, .query("api_key")], anonymous: .ip),
            keys: Self.keys, fields: fields)
        var record = LogRecord(fieldCount: fields.count)
        let lines = [
            #"10.0.0.1 - bob [21/Nov/2026:10:00:00 +0000] "GET /api/x?api_key=K-ALICE-0001 HTTP/1.1" 200 5 "-" "curl""#,
            #"10.0.0.2 - - [21/Nov/2026:10:00:00 +0000] "GET /api/x?api_key=K-ALICE-0001 HTTP/1.1" 200 5 "-" "curl""#,
            #"10.0.0.3 - - [21/Nov/2026:10:00:00 +0000] "GET /api/x?api_key=unknown-key-123 HTTP/1.1" 200 5 "-" "curl""#,
            #"10.0.0.4:5555 - - [21/Nov/2026:10:00:00 +0000] "GET /api/x HTTP/1.1" 200 5 "-" "curl""#,
        ]
        var labels: [String] = []
        for line in lines {
            var bytes = Array(line.utf8)
            let label = bytes.withUnsafeMutableBufferPointer { buffer -> String in
                let text = UnsafeBufferPointer(buffer)
                guard parser.parse(text, into: &record) == .parsed else { return "malformed" }
                var label: [UInt8] = []
                _ = resolver.resolve(record, into: &label)
                return String(decoding: label, as: UTF8.self)
            }
            labels.append(label)
        }
        #expect(labels == ["bob", "alice", MaskedKey.label("unknown-key-123"), "ip:10.0.0.4"])
    }
}
