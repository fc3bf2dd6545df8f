import ArgumentParser
import Foundation
import UsageAudit

extension OutputFormat: ExpressibleByArgument {}

/// `usage-audit count`: the usage rows on stdout, for piping into other tools.
struct CountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "count",
        abstract: "Count usage from access logs and print the usage rows.",
        discussion: """
            Prints the rows of usage.csv (user, scope, period, bucket, requests, units, rejected, \
            limit, remaining) without writing any report file. Only data goes to stdout.

            Example:
              usage-audit count --config samples/config.toml --format jsonl samples/logs | jq .
            """
    )

    @OptionGroup var audit: AuditOptions

    @Option(name: .long, help: ArgumentHelp("csv, json, jsonl or table. Default: table on a terminal, csv otherwise.", valueName: "format"))
    var format: OutputFormat?

    @Option(name: .short, help: ArgumentHelp("Write to this file (atomically) instead of stdout; - is stdout.", valueName: "file"))
    var output = "-"

    func run() throws {
        let logger = audit.makeLogger()
        let outcome = try audit.runAudit(logger: logger)
        let chosen = format ?? (isatty(STDOUT_FILENO) == 1 ? .table : .csv)
        let text = chosen.render(ReportSet(outcome: outcome).usageTable)
        if output == "-" {
            StandardOutput.write(text)
        } else {
            do {
                try AtomicFile.write(text, to: output)
            } catch {
                throw CommandFailure(.report(error))
            }
        }
        if outcome.hasDamage {
            throw CommandFailure(message: "some input was damaged; everything readable was counted", exitCode: ExitStatus.damagedInput)
        }
    }
}
