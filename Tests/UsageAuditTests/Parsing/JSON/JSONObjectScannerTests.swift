import Testing
@testable import UsageAudit

@Suite struct JSONObjectScannerTests {
    @Test func unescapesStringsToUTF8() throws {
        var probe = try FormatLineProbe(JSONLogFormat(), fields: ["note"])
        let line = probe.parse(
            #"{"time":1700000000,"uri":"/a","note":"q\"b\\s\/l\n\t\u00e9\u20AC\ud83d\ude00|\ud800x|\udc00|ü"}"#
        )
        #expect(line.result == .parsed)
        #expect(line.fields["note"] == "q\"b\\s/l\n\té€😀|\u{FFFD}x|\u{FFFD}|ü")
        let user = probe.parse(#"{"time":1700000000,"uri":"/a","remote_user":"j\u00fcrgen","note":"\u0000"}"#)
        #expect(user.remoteUser == "jürgen")
        #expect(user.fields["note"] == "\u{0}")
    }

    @Test func matchesEscapedKeys() throws {
        var probe = try FormatLineProbe(JSONLogFormat(), fields: ["x-api-key"])
        let line = probe.parse(#"{"ti\u006de":1700000000,"\u0075ri":"/k","x\u002dapi-key":"v","\"odd\"":1}"#)
        #expect(line.result == .parsed)
        #expect(line.path == "/k")
        #expect(line.fields["x-api-key"] == "v")
    }

    @Test func skipsUnwantedValuesWhateverTheyHold() throws {
        var probe = try FormatLineProbe(JSONLogFormat(), fields: ["keep"])
        let line = probe.parse(
            #"{"a":{"b":[1,{"c":"]}\"{["}],"d":null,"e":-0.5e-3},"time":1700000000,"e":[[[]]],"#
                + #""uri":"/ok","f":"\\","g":true,"h":false,"keep":{"nested":1},"i":{}, "j" : [ ] }"#
        )
        #expect(line.result == .parsed)
        #expect(line.path == "/ok")
        #expect(line.fields["keep"] == "")  // an object is not a value
    }

    @Test func capturesNumbersAndBooleansAsWritten() throws {
        var probe = try FormatLineProbe(JSONLogFormat(), fields: ["units", "cached", "ratio", "list"])
        let line = probe.parse(#"{"time":1700000000,"uri":"/","units":12,"cached":true,"ratio":-1.5E+2,"list":[7,8]}"#)
        #expect(line.fields == ["units": "12", "cached": "true", "ratio": "-1.5E+2", "list": "7"])
    }

    @Test func reportsInvalidJSON() throws {
        var probe = try FormatLineProbe(JSONLogFormat())
        let cases: [(String, JSONSyntaxError)] = [
            (#"{"time":1700000000,"uri":"/a""#, .truncated),
            (#"{"time":1700000000,"uri":"/a}"#, .truncated),
            (#"{"time":1700000000,"uri":"/a",}"#, .expectedKey),
            (#"{time:1700000000}"#, .expectedKey),
            (#"{"time" 1700000000}"#, .expectedColon),
            (#"{"time":1700000000 "uri":"/a"}"#, .expectedCommaOrBrace),
            (#"[{"time":1700000000}]"#, .notAnObject),
            (#""just a string""#, .notAnObject),
            (#"127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326"#, .notAnObject),
            (#"{"time":1700000000,"uri":"/a"} trailing"#, .trailingBytes),
            (#"{"time":1700000000,"uri":"/a"}}"#, .trailingBytes),
            (#"{"time":1700000000,"uri":"\x41"}"#, .invalidEscape),
            (#"{"time":1700000000,"uri":"\u12"}"#, .invalidEscape),
            (#"{"time":01,"uri":"/a"}"#, .expectedCommaOrBrace),
            (#"{"time":1.,"uri":"/a"}"#, .invalidNumber),
            (#"{"time":1700000000,"uri":"/a","n":tru}"#, .invalidValue),
            (#"{"time":1700000000,"uri":'/a'}"#, .invalidValue),
            (#"{"time":1700000000,"uri":"/a","x":{"y":[1,2}"#, .truncated),
            (#"{"time":1700000000,"uri":"/a","x":"unterminated}"#, .truncated),
        ]
        for (text, error) in cases {
            #expect(probe.parse(text).result == .malformed(error.hint), "\(text)")
        }
    }

    @Test func ignoresBlankLinesAndAllowsWhitespaceAndByteOrderMark() throws {
        var probe = try FormatLineProbe(JSONLogFormat())
        #expect(probe.parse("").result == .ignored)
        #expect(probe.parse(" \t\r").result == .ignored)
        let padded = probe.parse(" \t{ \"time\" : 1700000000 , \"uri\" : \"/p\" }\r")
        #expect((padded.result, padded.path) == (.parsed, "/p"))
        let marked = probe.parse("\u{FEFF}{\"time\":1700000000,\"uri\":\"/bom\"}")
        #expect((marked.result, marked.path) == (.parsed, "/bom"))
        #expect(probe.parse("\u{FEFF}").result == .ignored)
        #expect(probe.parse(bytes: [0xBF]).result == .malformed(JSONSyntaxError.notAnObject.hint))
    }

    @Test func growsItsBufferForLongLines() throws {
        var probe = try FormatLineProbe(JSONLogFormat(), fields: ["blob"])
        let long = String(repeating: "abcdefgh", count: 40_000)
        let line = probe.parse(#"{"skip":""# + long + #"","time":1700000000,"uri":"/"# + long + #"","blob":""# + long + #""}"#)
        #expect(line.result == .parsed)
        #expect(line.path == "/" + long)
        #expect(line.fields["blob"] == long)
        let short = probe.parse(#"{"time":1700000000,"uri":"/s"}"#)
        #expect((short.path, short.fields["blob"]) == ("/s", ""))
    }

    @Test func decodesStringBodiesDirectly() {
        func decode(_ body: String, room: Int? = nil) -> String? {
            let source = Array(body.utf8)
            let target = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: room ?? source.count)
            defer { target.deallocate() }
            return source.withUnsafeBufferPointer { bytes in
                JSONStringDecoder.unescape(bytes, into: target).map {
                    String(decoding: UnsafeBufferPointer(rebasing: target[..<$0]), as: UTF8.self)
                }
            }
        }
        #expect(decode(#"a\u0041\b\f\r"#) == "aA\u{8}\u{C}\r")
        #expect(decode(#"\uD83D\uDE00"#) == "😀")
        #expect(decode(#"\uD83D\u0041"#) == "\u{FFFD}A")
        #expect(decode(#"\"#) == nil)
        #expect(decode(#"\uZZZZ"#) == nil)
        #expect(decode(#"\q"#) == nil)
        #expect(decode("abc", room: 2) == nil)
    }
}
