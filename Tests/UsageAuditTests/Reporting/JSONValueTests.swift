import Foundation
import Testing
@testable import UsageAudit

@Suite("JSONValue")
struct JSONValueTests {
    private func compact(_ value: JSONValue) -> String {
        value.rendered(pretty: false)
    }

    /// Parses rendered JSON back with Foundation, to prove it is valid.
    private func parse(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    @Test("strings escape quotes, backslashes and control characters", arguments: [
        ("plain", #""plain""#),
        ("say \"hi\"", #""say \"hi\"""#),
        ("back\\slash", #""back\\slash""#),
        ("a\nb\rc\td", #""a\nb\rc\td""#),
        ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
        ("\u{8}\u{C}", #""\u0008\u000c""#),
        ("</script>", #""\u003c/script>""#),
        ("Zoë 🔑 …", "\"Zoë 🔑 …\""),
        ("\u{7F}", "\"\u{7F}\""),
        ("", #""""#),
    ])
    func strings(text: String, expected: String) throws {
        let rendered = compact(.string(text))
        #expect(rendered == expected)
        #expect(try parse(rendered) as? String == text)
    }

    @Test("null, booleans and integers")
    func scalars() {
        #expect(compact(.null) == "null")
        #expect(compact(.bool(true)) == "true")
        #expect(compact(.bool(false)) == "false")
        #expect(compact(.integer(0)) == "0")
        #expect(compact(.integer(-42)) == "-42")
        #expect(compact(.integer(Int64.max)) == "9223372036854775807")
        #expect(compact(.integer(Int64.min)) == "-9223372036854775808")
        #expect(compact(JSONValue(nil as String?)) == "null")
        #expect(compact(JSONValue("x" as String?)) == #""x""#)
    }

    @Test("numbers: whole ones without a fraction, at most 6 decimals, non-finite as 0", arguments: [
        (1.0, "1"),
        (-2.0, "-2"),
        (0.5, "0.5"),
        (-2.25, "-2.25"),
        (1.0 / 3.0, "0.333333"),
        (2.0 / 3.0, "0.666667"),
        (0.0000001, "0"),
        (-0.0, "0"),
        (123456.7, "123456.7"),
        (Double.nan, "0"),
        (Double.infinity, "0"),
        (-Double.infinity, "0"),
    ])
    func numbers(number: Double, expected: String) {
        #expect(compact(.number(number)) == expected)
    }

    @Test("very large and very small numbers are still valid JSON numbers", arguments: [
        1e15, 1e15 + 0.5, 1e20, 1e300, -1e300, Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude,
        0.000001, 1.5e-5, Double.leastNonzeroMagnitude,
    ])
    func extremeNumbers(number: Double) throws {
        let rendered = compact(.number(number))
        let parsed = try parse(rendered)
        let value = try #require((parsed as? NSNumber)?.doubleValue, "\(rendered)")
        #expect(value.isFinite, "\(rendered)")
        #expect(abs(value - number) <= max(abs(number) * 1e-9, 1e-6), "\(rendered)")
    }

    @Test("object keys keep their given order and are escaped")
    func keyOrder() throws {
        let object = JSONValue.object([("zeta", .integer(1)), ("alpha", .null), ("m\"id", .array([.integer(1), .string("x")]))])
        #expect(compact(object) == #"{"zeta":1,"alpha":null,"m\"id":[1,"x"]}"#)
        #expect(try parse(compact(object)) is [String: Any])
    }

    @Test("empty containers")
    func emptyContainers() {
        #expect(compact(.array([])) == "[]")
        #expect(compact(.object([])) == "{}")
        #expect(JSONValue.array([]).rendered(pretty: true) == "[]")
        #expect(JSONValue.object([("a", .object([]))]).rendered(pretty: true) == "{\n  \"a\": {}\n}")
    }

    @Test("pretty output indents by two spaces with ': ' after keys")
    func pretty() throws {
        let value = JSONValue.object([
            ("name", .string("alice")),
            ("counts", .array([.integer(1), .integer(2)])),
            ("nested", .object([("x", .null)])),
        ])
        let expected = """
            {
              "name": "alice",
              "counts": [
                1,
                2
              ],
              "nested": {
                "x": null
              }
            }
            """
        #expect(value.rendered(pretty: true) == expected)
        #expect(try parse(expected) is [String: Any])
    }

    @Test("report values map to JSON: text to strings, empty to null")
    func reportValues() {
        #expect(JSONValue(ReportValue.text("=x")) == .string("=x"))
        #expect(JSONValue(ReportValue.integer(-3)) == .integer(-3))
        #expect(JSONValue(ReportValue.decimal(1.5)) == .number(1.5))
        #expect(JSONValue(ReportValue.empty) == .null)
        #expect(ReportValue(nil as Int64?) == .empty)
        #expect(ReportValue(Int64(7)) == .integer(7))
    }

    @Test("equality compares the rendered documents, key order included")
    func equality() {
        #expect(JSONValue.object([("a", .integer(1)), ("b", .integer(2))]) == .object([("a", .integer(1)), ("b", .integer(2))]))
        #expect(JSONValue.object([("a", .integer(1)), ("b", .integer(2))]) != .object([("b", .integer(2)), ("a", .integer(1))]))
    }
}
