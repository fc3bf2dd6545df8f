import Testing
@testable import UsageAudit

@Suite("PrometheusFamily")
struct PrometheusFamilyTests {
    @Test("label values escape backslash, quote and newline, and nothing else")
    func labelEscaping() {
        #expect(PrometheusFamily.escapedLabelValue(#"a\b"c"#) == #"a\\b\"c"#)
        #expect(PrometheusFamily.escapedLabelValue("one\ntwo") == #"one\ntwo"#)
        #expect(PrometheusFamily.escapedLabelValue("tab\there, ümlaut {x=1}") == "tab\there, ümlaut {x=1}")
    }

    @Test("help text escapes backslash and newline but keeps quotes")
    func helpEscaping() {
        #expect(PrometheusFamily.escapedHelp("say \"hi\"\\now\nthen") == #"say "hi"\\now\nthen"#)
    }

    @Test("a family renders HELP, TYPE and one line per sample with labels in the order given")
    func rendering() throws {
        var family = PrometheusFamily.gauge("usage_audit_test", help: "A test\nfamily.")
        family.add(.integer(-3), labels: [("b", "1"), ("a", "x\"y")])
        family.add(.number(0.25))
        #expect(family.rendered == """
            # HELP usage_audit_test A test\\nfamily.
            # TYPE usage_audit_test gauge
            usage_audit_test{b="1",a="x\\"y"} -3
            usage_audit_test 0.25

            """)
        let parsed = try PrometheusTextParser.families(of: family.rendered)
        #expect(parsed == [PrometheusTextParser.Family(name: "usage_audit_test", type: "gauge", help: "A test\nfamily.", samples: [
            .init(name: "usage_audit_test", labels: ["b": "1", "a": "x\"y"], value: -3),
            .init(name: "usage_audit_test", labels: [:], value: 0.25),
        ])])
    }

    @Test("values: integers exactly, doubles in shortest form, non-finite as +Inf, -Inf, NaN")
    func values() {
        #expect(PrometheusFamily.Value.integer(Int64.max).text == "9223372036854775807")
        #expect(PrometheusFamily.Value.number(1.5).text == "1.5")
        #expect(PrometheusFamily.Value.number(.infinity).text == "+Inf")
        #expect(PrometheusFamily.Value.number(-.infinity).text == "-Inf")
        #expect(PrometheusFamily.Value.number(.nan).text == "NaN")
    }
}
