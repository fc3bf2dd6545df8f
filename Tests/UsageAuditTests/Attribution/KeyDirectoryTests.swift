import Testing
@testable import UsageAudit

@Suite("KeyDirectory.load")
struct KeyDirectoryTests {
    private func load(_ text: String) throws -> KeyDirectory {
        let folder = try TemporaryFolder("keys")
        let path = try folder.write(text, to: "keys.csv")
        return try KeyDirectory.load(path: path)
    }

    private func loadError(_ text: String) throws -> ConfigurationError? {
        let folder = try TemporaryFolder("keys")
        let path = try folder.write(text, to: "keys.csv")
        do {
            _ = try KeyDirectory.load(path: path)
            return nil
        } catch {
            return error
        }
    }

    /// The reason of the `badReferencedFile` error loading `text` gives, recorded as an issue
    /// when it gives another or none.
    private func refusal(_ text: String) throws -> String {
        let error = try loadError(text)
        guard case .badReferencedFile(let key, _, let reason)? = error else {
            Issue.record("expected badReferencedFile, got \(String(describing: error))")
            return ""
        }
        #expect(key == "identity.keys")
        return reason
    }

    @Test("a file with a key,user header")
    func withHeader() throws {
        let directory = try load("key,user\nK1,alice\nK2,bob\n")
        #expect(directory.users == ["K1": "alice", "K2": "bob"])
    }

    @Test("the header is recognised in any case and with spaces")
    func headerCaseAndSpaces() throws {
        let directory = try load(" Key , USER \nK1,alice")
        #expect(directory.users == ["K1": "alice"])
        #expect(try load("api_key,username\nK1,alice").users == ["K1": "alice"])
    }

    @Test("a file without a header: the first line is data")
    func withoutHeader() throws {
        let directory = try load("K1,alice\nK2,bob")
        #expect(directory.users == ["K1": "alice", "K2": "bob"])
    }

    @Test("a header with the columns the other way round is an error that says so, not a mapping of 'user' to 'key'",
          arguments: ["user,key\nalice,K1\n", "# issued\nUsername , API_KEY\nalice,K1\n"])
    func swappedHeader(text: String) throws {
        let error = try loadError(text)
        guard case .badReferencedFile(let key, _, let reason)? = error else {
            Issue.record("expected badReferencedFile, got \(String(describing: error))")
            return
        }
        #expect(key == "identity.keys")
        #expect(reason.contains("the columns are the other way round") && reason.contains("'key,user'"), "\(reason)")
    }

    @Test("comments, blank lines, CRLF and spaces around cells are skipped")
    func commentsAndBlankLines() throws {
        let directory = try load("# issued keys\r\n\r\nkey,user\r\n  # revoked: K0\r\n K1 , alice \r\n\r\nK2,bob\r\n")
        #expect(directory.users == ["K1": "alice", "K2": "bob"])
    }

    @Test("quoted cells are unquoted, doubled quotes kept once")
    func quotedCells() throws {
        let directory = try load("key,user\n\"K1\",\"alice \"\"the admin\"\"\"\n")
        #expect(directory.users == ["K1": "alice \"the admin\""])
    }

    @Test("the same mapping twice is accepted")
    func repeatedMapping() throws {
        let directory = try load("K1,alice\nK1,alice\n")
        #expect(directory.users == ["K1": "alice"])
    }

    @Test("a conflicting duplicate names its line and both users")
    func conflictingDuplicate() throws {
        let error = try loadError("key,user\nK1,alice\nK2,bob\nK1,mallory\n")
        guard case .badReferencedFile(let key, _, let reason)? = error else {
            Issue.record("expected badReferencedFile, got \(String(describing: error))")
            return
        }
        #expect(key == "identity.keys")
        #expect(reason.contains("line 4"))
        #expect(reason.contains("alice"))
        #expect(reason.contains("mallory"))
    }

    @Test("a bad line names its line number", arguments: [
        ("key,user\nK1,alice\nK2\n", 3),
        ("key,user\nK1,alice,extra\n", 2),
        ("key,user\n,alice\n", 2),
        ("key,user\nK1,\n", 2),
        ("# c\nK1;alice\n", 2),
    ])
    func badLine(text: String, line: Int) throws {
        let error = try loadError(text)
        guard case .badReferencedFile(_, _, let reason)? = error else {
            Issue.record("expected badReferencedFile, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("line \(line) "), "\(reason)")
    }

    @Test("a missing file is a bad referenced file under the configuration key")
    func missingFile() {
        #expect(throws: ConfigurationError.badReferencedFile(
            key: "identity.keys", path: "/no/such/keys.csv", reason: "it does not exist or is not readable")
        ) {
            try KeyDirectory.load(path: "/no/such/keys.csv")
        }
    }

    @Test("an empty file is an empty directory")
    func emptyFile() throws {
        #expect(try load("").users.isEmpty)
        #expect(try load("key,user\n").users.isEmpty)
    }

    @Test("a quoted cell may hold a comma")
    func quotedComma() throws {
        let directory = try load("key,user\nK1,\"Smith, John\"\n")
        #expect(directory.users == ["K1": "Smith, John"])
    }

    @Test("non-ASCII users and keys are kept as written")
    func unicode() throws {
        let directory = try load("key,user\nклюк,Zoë\n")
        #expect(directory.users == ["клюк": "Zoë"])
    }

    @Test("a byte order mark (Excel's CSV UTF-8) is no part of the first key or header",
          arguments: ["\u{FEFF}K1,alice\nK2,bob\n", "\u{FEFF}key,user\nK1,alice\nK2,bob\n"])
    func byteOrderMark(text: String) throws {
        #expect(try load(text).users == ["K1": "alice", "K2": "bob"])
    }

    @Test("a byte order mark does not hide a swapped header")
    func byteOrderMarkBeforeSwappedHeader() throws {
        let reason = try refusal("\u{FEFF}user,key\nalice,K1\n")
        #expect(reason.contains("the columns are the other way round"), "\(reason)")
    }

    @Test("an unclosed quote is named as the keys file's line, not as a profile source")
    func unclosedQuote() throws {
        let reason = try refusal("key,user\n\"K1,alice\n")
        #expect(!reason.contains("profiles") && reason.contains("keys.csv:2") && reason.contains("never closed"), "\(reason)")
    }

    @Test("a line of three cells says how many it has")
    func threeCells() throws {
        let reason = try refusal("key,user,extra\nK1,alice,x\n")
        #expect(reason.contains("line 1 has 3 cells") && reason.contains("no other columns"), "\(reason)")
    }

    @Test("a key assigned again to its user is one key; assigned to another, the first assignment stays and is named")
    func assigning() {
        var directory = KeyDirectory()
        #expect(directory.assign("K1", to: "alice") == nil)
        #expect(directory.assign("K2", to: "bob") == nil)
        #expect(directory.assign("K1", to: "alice") == nil)
        #expect(directory.assign("K1", to: "mallory") == "alice")
        #expect(directory.count == 2)
        #expect(directory.users == ["K1": "alice", "K2": "bob"])
    }

    @Test("a key assigned again to its user spelled in other bytes takes the later spelling, as the file's last line")
    func laterSpelling() throws {
        let directory = try load("key,user\nK1,Zo\u{EB}\nK1,Zoe\u{308}\n")
        #expect(directory.count == 1)
        let user = try #require(directory.users["K1"])
        #expect(Array(user.utf8) == Array("Zoe\u{308}".utf8))
    }

    @Test("keys are told apart by their bytes, as the log's are matched: two spellings of one text are two keys")
    func keysByBytes() throws {
        // "é" composed and decomposed: equal Strings, different bytes in a log line.
        var directory = try load("key,user\nK\u{E9}1,alice\nKe\u{301}1,bob\n")
        #expect(directory.count == 2)
        #expect(directory.assign("K\u{E9}1", to: "alice") == nil && directory.assign("Ke\u{301}1", to: "bob") == nil)
    }

    @Test("the users of many keys are held once each")
    func usersHeldOnce() {
        var directory = KeyDirectory()
        for index in 0..<1_000 { _ = directory.assign("key-\(index)", to: index % 2 == 0 ? "alice" : "bob") }
        #expect(directory.count == 1_000 && directory.userNames.count == 2)
        #expect(directory.users["key-7"] == "bob")
    }
}
