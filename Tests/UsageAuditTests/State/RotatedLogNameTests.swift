import Testing
@testable import UsageAudit

@Suite("RotatedLogName")
struct RotatedLogNameTests {
    @Test("numbered and dateext rotations of one log share its name; other logs do not")
    func stems() {
        for name in ["access.log", "/var/log/nginx/access.log.1", "access.log.2.gz", "access.log-20261125.gz", "access.log_3", "x/access.log.10.gz"] {
            #expect(RotatedLogName.stem(of: name) == "access.log", "\(name)")
        }
        #expect(RotatedLogName.sameLog("access.log.1", "access.log.2.gz"))
        #expect(!RotatedLogName.sameLog("site-a.log", "site-b.log.gz"))
        #expect(!RotatedLogName.sameLog("access.log.1", "error.log.2.gz"))
        #expect(RotatedLogName.stem(of: "2026-11-25") == "2026", "a name of numbers keeps its first")
        #expect(RotatedLogName.stem(of: ".1") == ".1")
    }
}
