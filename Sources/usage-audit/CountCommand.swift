import ArgumentParser
import UsageAudit

/// `usage-audit count`: the usage rows on stdout, for piping into other tools.
struct CountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "count",
        abstract: "Count usage from access logs and print the usage rows.",
        discussion: """
            Prints the rows of usage.csv (user, scope, period, bucket, requests, units, rejected, \
            limit, remaining, overage, overage_cost) without writing any report file. Only data goes \
            to stdout.

            Example:
              usage-audit count --config samples/config.toml --format jsonl samples/logs | jq .
            """
    )

    @OptionGroup var audit: AuditOptions
    @OptionGroup var printing: PrintOptions

    func run() throws {
        let outcome = try audit.runAudit(logger: audit.makeLogger(), outputs: OutputCollision(outputs: printing.outputFiles))
        try printing.emit(ReportSet(outcome: outcome).usageTable)
        if outcome.hasDamage {
            throw CommandFailure(message: outcome.damageMessage, exitCode: ExitStatus.damagedInput)
        }
    }
}
