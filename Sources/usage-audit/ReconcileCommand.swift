import ArgumentParser
import UsageAudit

/// `usage-audit reconcile`: the reconciliation findings on stdout.
struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Compare stored counters with the logs and print the findings.",
        discussion: """
            Prints the rows of reconciliation.csv (user, scope, period, field, stored, recomputed, \
            delta, kind, detail, …) without writing any report file. With --format jsonl every \
            finding is one JSON object on its own line.

            Example:
              usage-audit reconcile --config samples/config.toml \\
                  --profiles samples/profiles.csv --format jsonl samples/logs
            """
    )

    @OptionGroup var audit: AuditOptions
    @OptionGroup var printing: PrintOptions
    @OptionGroup var findings: FindingOptions

    func validate() throws {
        if findings.fixSQL != nil, audit.profiles == nil {
            throw ValidationError("--fix-sql needs --profiles: it corrects the stored counters that --profiles reads")
        }
        try findings.validateWithoutAnomalies(command: "reconcile")
    }

    func run() throws {
        let logger = audit.makeLogger()
        let outcome = try audit.runAudit(
            logger: logger, tolerance: findings.judging.tolerance, snapshotAt: findings.judging.snapshotAt,
            outputs: OutputCollision(outputs: printing.outputFiles + findings.outputFiles))
        try printing.emit(ReportSet(outcome: outcome).reconciliationTable)
        try findings.writeFixSQL(for: outcome, logger: logger)
        let thresholdFailure = findings.thresholdFailure(for: outcome, anomalies: false)
        if outcome.hasDamage {
            thresholdFailure?.report()
            throw CommandFailure(message: outcome.damageMessage, exitCode: ExitStatus.damagedInput)
        }
        if let thresholdFailure { throw thresholdFailure }
    }
}
