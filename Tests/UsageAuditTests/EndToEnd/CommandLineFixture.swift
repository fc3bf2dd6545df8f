import Foundation

/// A small folder for command-line tests: `config.toml` (Berlin, `/api/` metered, a daily
/// limit of 100) and `a.log` with a few requests, one of them by the user `=HYPERLINK("x")`.
struct CommandLineFixture {
    static let configuration = """
        timezone = "Europe/Berlin"

        [log]
        format = '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"'

        [count]
        paths = ["/api/"]

        [[scope]]
        name = "search"
        paths = ["/api/search"]

        [[quota]]
        scope = "all"
        period = "day"
        default = 100

        """

    static let formulaUser = #"=HYPERLINK("x")"#

    static let logLines = [
        #"192.0.2.1 - =HYPERLINK("x") [21/Nov/2026:10:00:00 +0100] "GET /api/search?q=a HTTP/1.1" 200 12 "-" "curl/8.5.0""#,
        #"192.0.2.2 - alice [21/Nov/2026:10:00:01 +0100] "GET /api/search?q=b HTTP/1.1" 200 12 "-" "curl/8.5.0""#,
        #"192.0.2.2 - alice [20/Nov/2026:23:59:59 +0100] "GET /api/route HTTP/1.1" 429 12 "-" "curl/8.5.0""#,
        #"192.0.2.3 - bob [21/Nov/2026:00:00:00 +0100] "GET /api/search?q=c HTTP/1.1" 200 12 "-" "curl/8.5.0""#,
        #"192.0.2.3 - bob [21/Nov/2026:00:00:01 +0100] "GET /health HTTP/1.1" 200 2 "-" "kube-probe/1.30""#,
    ]

    let folder: EndToEndFolder

    init() throws {
        folder = try EndToEndFolder(prefix: "cli")
        try folder.write(Self.configuration, to: "config.toml")
        try folder.write(Self.logLines.map { $0 + "\n" }.joined(), to: "a.log")
    }

    /// Runs `usage-audit arguments…` in the fixture's folder.
    func run(
        _ arguments: [String], input: Data? = nil, standardOutput: FileHandle? = nil, standardError: FileHandle? = nil
    ) throws -> CommandRun {
        try AuditBinary.run(arguments, in: folder.url, input: input, standardOutput: standardOutput, standardError: standardError)
    }

    /// The text of `name` in the folder, or nil.
    func text(_ name: String) -> String? {
        FileManager.default.contents(atPath: folder.file(name).path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes the log as a gzip member cut off in the middle of its fourth line.
    func writeTruncatedGzip(named name: String) throws {
        let bytes = Array(Self.logLines.map { $0 + "\n" }.joined().utf8)
        let member = GzipMemberEncoder.member(bytes, style: .fixedHuffman)
        let fourthLine = Self.logLines[..<3].reduce(0) { $0 + $1.utf8.count + 1 } + 30
        var cut = GzipMemberEncoder.header.count
        while member.decodableBytes(inFirst: cut) < fourthLine { cut += 1 }
        try folder.write(Data(member.bytes[..<cut]), to: name)
    }

    func remove() {
        folder.remove()
    }
}
