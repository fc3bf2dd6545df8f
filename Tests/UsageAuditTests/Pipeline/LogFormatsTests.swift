import Foundation
import Testing
@testable import UsageAudit

@Suite("LogFormats")
struct LogFormatsTests {
    private static let utc = TimeZone(identifier: "UTC")!

    @Test("format names are read in any case and with spaces around; format strings as written")
    func namesInAnyCase() throws {
        #expect(try LogFormats.make(LogSettings(format: "JSON", timeZone: Self.utc)) is JSONLogFormat)
        #expect(try LogFormats.make(LogSettings(format: " W3C ", timeZone: Self.utc)) is W3CLogFormat)
        #expect(try LogFormats.make(LogSettings(format: "Combined", timeZone: Self.utc)) is TemplateLogFormat)
        #expect(LogFormats.canonicalName("$remote_addr $Status") == "$remote_addr $Status")
    }

    @Test("a misspelt name beside a [log.json] section gets its suggestion, not the advice to remove the section")
    func misspeltNameWithJSONMapping() throws {
        for (name, meant) in [("combinde", "combined"), ("jsno", "json")] {
            let configuration = try ConfigurationLoader.parse(text: "[log]\nformat = \"\(name)\"\n[log.json]\ntime = \"ts\"\n")
            #expect(throws: FormatError.unknownPreset(name, known: LogFormats.names)) { try LogFormats.make(configuration.log) }
            #expect(FormatError.unknownPreset(name, known: LogFormats.names).description.contains("did you mean '\(meant)'?"))
        }
        // A format that is another one (not a typo) with [log.json] is refused at once.
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(text: "[log]\nformat = \"combined\"\n[log.json]\ntime = \"ts\"\n") }
        #expect(try ConfigurationLoader.parse(text: "[log]\nformat = \"Json\"\n[log.json]\ntime = \"ts\"\n").log.jsonMapping["time"] == "ts")
    }
}
