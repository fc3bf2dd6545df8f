import Foundation
import Testing
@testable import UsageAudit

/// `report.html` opened in a real browser: `scripts/check-report-html` renders the samples'
/// page in headless Chromium, and fails on console output, a script that did not run or a
/// missing section. Skipped where Chromium is not installed, unless
/// `USAGE_AUDIT_REQUIRE_CHROMIUM=1` (CI) says it must run.
@Suite(
    "report.html in headless Chromium",
    .enabled(if: HeadlessChromium.browser != nil || HeadlessChromium.isRequired,
             "Chromium is not installed (Debian: apt-get install chromium)"),
    .serialized
)
struct HTMLReportBrowserTests {
    @Test("Chromium is installed when CI requires the browser check")
    func browserInstalled() {
        #expect(HeadlessChromium.browser != nil, "USAGE_AUDIT_REQUIRE_CHROMIUM=1 but no chromium on PATH: scripts/install-deps installs it")
    }

    @Test("the samples' page renders without console messages, its script runs, and a screenshot is taken")
    func samplesPageRenders() throws {
        let page = HTMLReport(outcome: try HTMLReportSampleTests.samplesOutcome()).rendered()
        let result = try HeadlessChromium.check(page, screenshot: true)
        #expect(result.status == 0, "\(result.output)")
        // A PNG of 1280 px wide.
        let png = try #require(result.screenshot)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(png.count > 8 && png[16..<20] == Data([0, 0, 0x05, 0x00]))
    }

    @Test("the check fails on a script error and on script the page's policy refuses")
    func checkFailsOnErrors() throws {
        let page = HTMLReport(outcome: HTMLReportFixture.outcome()).rendered()
        #expect(try HeadlessChromium.check(page).status == 0)
        // A script that throws, allowed by the policy: an uncaught error in the console.
        let throwing = "null.sort();"
        let broken = page.replacingOccurrences(of: HTMLSortScript.source, with: throwing)
            .replacingOccurrences(of: HTMLContentPolicy.hashSource(of: HTMLSortScript.source), with: HTMLContentPolicy.hashSource(of: throwing))
        let failed = try HeadlessChromium.check(broken)
        #expect(failed.status == 1)
        #expect(failed.output.contains("Uncaught TypeError"), "\(failed.output)")
        // A script smuggled into the page: the policy refuses it, which the console reports.
        let injected = try HeadlessChromium.check(page.replacingOccurrences(of: "</footer>", with: "</footer><script>document.title = 'x';</script>"))
        #expect(injected.status == 1)
        #expect(injected.output.contains("Content Security Policy"), "\(injected.output)")
    }
}
