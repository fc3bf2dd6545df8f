import Foundation
import Testing
@testable import UsageAudit

@Suite("HTMLReport")
struct HTMLReportTests {
    static let page = HTMLReport(outcome: HTMLReportFixture.outcome()).rendered()

    /// The names of every element the page opens (`svg`, `td`, …) and of every attribute
    /// they carry, read as a browser tokenizes tags with double-quoted attribute values.
    static func markup(_ page: String) -> (elements: Set<String>, attributes: Set<String>) {
        var elements: Set<String> = []
        var attributes: Set<String> = []
        let bytes = Array(page.utf8)
        var index = 0
        func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
        }
        func name() -> String {
            let start = index
            while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            index += 1
            let element = name()
            guard !element.isEmpty else { continue }
            elements.insert(element)
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                if bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "/") { index += 1; continue }
                let attribute = name()
                if attribute.isEmpty { index += 1; continue }
                attributes.insert(attribute)
                if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                    index += 1
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { attributes.insert("<unquoted>"); continue }
                    index += 1
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += 1 }
                    index += 1
                }
            }
            // Script and style bodies are the page's own constants: skip them.
            if element == "script" || element == "style", let end = page.utf8[page.utf8.index(page.utf8.startIndex, offsetBy: index)...]
                .firstRange(of: "</\(element)>".utf8) {
                index = page.utf8.distance(from: page.utf8.startIndex, to: end.upperBound)
            }
        }
        return (elements, attributes)
    }

    @Test("hostile user names, scopes, paths and details appear only escaped")
    func escapesEverythingFromLogs() {
        let page = Self.page
        for hostile in [HTMLReportFixture.scriptUser, HTMLReportFixture.attributeUser, HTMLReportFixture.hostileScope,
                        HTMLReportFixture.hostilePath, HTMLReportFixture.hostileDetail, HTMLReportFixture.hostileSample] {
            #expect(!page.contains(hostile), "\(hostile) is in the page unescaped")
            #expect(page.contains(HTMLEscaping.escaped(hostile)), "\(hostile) is missing from the page")
        }
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        // Inside attributes (the sparkline's aria-label) and inside SVG <title>.
        #expect(page.contains(#"aria-label="&lt;script&gt;alert(1)&lt;/script&gt; · all: daily units"#))
        #expect(page.contains("<title>&quot;&gt;&lt;img src=x onerror=alert(2)&gt; · maps&lt;svg onload=alert(3)&gt;: daily units"))
        // Only the page's own script, and no element a log line could have smuggled in.
        #expect(page.components(separatedBy: "<script").count == 2)
        let allowed: Set<String> = [
            "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "strong", "b", "time", "nav",
            "a", "section", "span", "div", "svg", "rect", "path", "line", "circle", "text", "table", "caption", "thead",
            "tbody", "tr", "th", "td", "code", "br", "details", "summary", "footer", "script",
        ]
        let found = Self.markup(page)
        #expect(found.elements.subtracting(allowed).isEmpty, "unexpected elements: \(found.elements.subtracting(allowed))")
        let attributes: Set<String> = [
            "lang", "charset", "http-equiv", "content", "name", "class", "id", "datetime", "href", "scope", "data-type",
            "data-sort", "viewbox", "width", "height", "role", "aria-label", "aria-labelledby", "aria-hidden", "x", "y",
            "rx", "fill", "fill-opacity", "d", "stroke", "stroke-width", "stroke-linejoin", "stroke-dasharray", "x1", "x2",
            "y1", "y2", "cx", "cy", "r", "text-anchor", "font-size",
        ]
        #expect(found.attributes.subtracting(attributes).isEmpty, "unexpected attributes: \(found.attributes.subtracting(attributes))")
    }

    @Test("every section is present and filled from the outcome")
    func everySection() {
        let page = Self.page
        for id in ["summary", "use", "anomalies", "reconciliation", "recommendations", "inputs"] {
            #expect(page.contains(#"<section id="\#(id)">"#), "section \(id) is missing")
        }
        for table in ["anomalies-table", "reconciliation-table", "recommendations-table", "inputs-table", "malformed-table", "use-table"] {
            #expect(page.contains(#"<table class="report-table" id="\#(table)">"#), "table \(table) is missing")
        }
        #expect(page.contains(#"<svg class="usage-chart""#))
        #expect(!page.contains(#"class="empty""#))
        // Headline numbers with thousands separators; the damaged input named.
        #expect(page.contains(#"<span class="value">1,234,567</span><span class="label">lines read</span>"#))
        #expect(page.contains(#"<div class="card alert"><span class="value">1</span><span class="label">damaged file</span>"#))
        #expect(page.contains(#"<span class="label">input files, 12.3 MB read</span>"#))
        // The cards say which numbers are this run's input and which are the window's.
        #expect(page.contains(#"<p class="note">Files, lines, users, requests, units and refusals: what this run read. "#))
        #expect(page.contains(#"<p class="damage"><strong>Damaged input:</strong>"#))
        // Findings per kind, zeros included.
        #expect(page.contains("spike <b>1</b>") && page.contains("near_limit <b>1</b>") && page.contains("burst <b>0</b>"))
        #expect(page.contains("drift <b>1</b>") && page.contains("raise <b>1</b>") && page.contains("keep <b>1</b>"))
        // One chart per finding row: 2 anomalies, 1 finding, 1 recommended change (`keep` is folded away).
        #expect(page.components(separatedBy: #"<svg class="spark""#).count - 1 == 4)
        #expect(page.contains("<details><summary>Limits to keep unchanged: 1</summary>"))
        // The window, the as-of moment in the zone, and RFC 3339 in <time>.
        #expect(page.contains("window <strong>2026-11-20 – 2026-11-21</strong> (2 days)"))
        #expect(page.contains(#"<time datetime="2026-11-21T09:47:13+00:00">2026-11-21 09:47 +00:00</time>"#))
        #expect(page.contains(#"<td class="num" data-sort="9223372036854775807">unlimited</td>"#))
    }

    @Test("a run without findings says so in every section")
    func emptySections() {
        let page = HTMLReport(outcome: HTMLReportFixture.emptyOutcome()).rendered()
        #expect(page.contains("No anomalies in this window."))
        #expect(page.contains("No stored counters were audited"))
        #expect(page.contains("No recommendations: every limit fits its use."))
        #expect(page.contains("No input was read."))
        #expect(page.contains("No metered use in the 1 day up to 2026-11-21."))
        #expect(!page.contains("<table"))
        var audited = HTMLReportFixture.emptyOutcome()
        audited.profiles = [StoredProfile(user: "a", scope: "all", period: .day)]
        #expect(HTMLReport(outcome: audited).rendered().contains("every stored counter audited matches the logs"))
    }

    @Test("the page is the same for the same outcome, rendered twice or built twice")
    func deterministic() {
        let again = HTMLReport(outcome: HTMLReportFixture.outcome()).rendered()
        #expect(again == Self.page)
        #expect(HTMLReport(outcome: HTMLReportFixture.outcome()).rendered() == again)
    }

    @Test("the page loads nothing and allows only its own script and style, by hash")
    func contentSecurityPolicy() {
        let page = Self.page
        let script = HTMLContentPolicy.hashSource(of: HTMLSortScript.source)
        let style = HTMLContentPolicy.hashSource(of: HTMLStyle.css)
        #expect(page.contains("default-src 'none'; style-src \(style); script-src \(script);"))
        #expect(page.contains("<script>\(HTMLSortScript.source)</script>"))
        #expect(page.contains("<style>\(HTMLStyle.css)</style>"))
        // Nothing is fetched: no URLs, no style attributes (which the policy would refuse).
        #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("src=\"") && !page.contains("url("))
        #expect(!page.contains(" style=\""))
        // A known SHA-256: the empty string.
        #expect(HTMLContentPolicy.hashSource(of: "") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='")
    }

    @Test("each user chart has one point per day of the last 56, and the limit and the finding's day")
    func userCharts() throws {
        let page = Self.page
        let charts = HTMLUserCharts(outcome: HTMLReportFixture.outcome(), users: [])
        #expect(charts.range == DayRange(start: HTMLReportFixture.day(-55), end: HTMLReportFixture.day(1)))
        let paths = page.components(separatedBy: #"<path class="use-line" d=""#).dropFirst()
        #expect(paths.count == 4)
        for path in paths {
            let data = path.prefix { $0 != "\"" }
            #expect(data.filter { $0 == "L" }.count + 1 == 56)
        }
        // The spike user's chart: the daily limit of 100 dashed, the audit day marked, the refused day dotted.
        #expect(page.contains(#"<title>daily limit 100</title>"#))
        #expect(page.contains(#"<title>2026-11-21: 95 units</title>"#))
        #expect(page.contains(#"<title>2026-11-20: 3 refused (429)</title>"#))
        // A shorter history draws fewer days.
        let short = HTMLUserCharts(outcome: HTMLReportFixture.outcome(days: 9), users: [HTMLReportFixture.scriptUser])
        #expect(short.range.dayCount == 9)
        #expect(short.units(user: HTMLReportFixture.scriptUser, scope: "all").last == 95)
    }

    @Test("extreme counts, limits and days render without trapping")
    func extremeNumbers() {
        var outcome = HTMLReportFixture.outcome(days: 3)
        var usage = outcome.usage
        usage.add(HTMLReportFixture.counts(units: .max, rejected: .max), user: "max", scope: 0, day: HTMLReportFixture.day(0))
        usage.add(HTMLReportFixture.counts(units: .max), user: "max", scope: 1, day: HTMLReportFixture.day(0))
        outcome.usage = usage
        outcome.anomalies.append(Anomaly(
            user: "max", scope: "all", period: .day, bucket: DayRange(start: LocalDay(number: .min), end: LocalDay(number: .max)),
            kind: .spike, observed: .max, baseline: .infinity, limit: .max, score: .nan, detail: ""))
        outcome.recommendations.append(Recommendation(
            user: "max", scope: "all", period: .day, currentLimit: .min, recommendedLimit: .max, action: .raise, reason: ""))
        let page = HTMLReport(outcome: outcome).rendered()
        #expect(page.contains("9,223,372,036,854,775,807"))
        #expect(page.contains(#"<section id="anomalies">"#))
    }
}
