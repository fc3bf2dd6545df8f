import ArgumentParser
import Foundation
import UsageAudit

/// `usage-audit run`: the nightly job. Counts the logs and writes every report.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Count usage from access logs and write the reports.",
        discussion: """
            Writes usage.csv / usage.json (one row per user × scope × period bucket with use), \
            reconciliation.csv / .json (what is wrong with the stored counters of --profiles) and \
            summary.json (inputs, totals, damage, findings per kind) into --out, each file \
            atomically: a crash never leaves a half-written report.

            Example:
              usage-audit run --config samples/config.toml \\
                  --profiles samples/profiles.csv --out reports samples/logs
            """
    )

    @OptionGroup var audit: AuditOptions

    @Option(name: .long, help: ArgumentHelp("The report folder, created if missing.", valueName: "dir"))
    var out = "reports"

    @Option(name: .long, help: ArgumentHelp(
        "The state store that remembers what was counted and each user's history: an SQLite file (created if missing) or postgres://USER@HOST/DB (PG* variables fill the rest).",
        valueName: "source"))
    var state = StateLocation.defaultPath

    @Flag(name: .customLong("no-state"), help: "Count the inputs whole, with no memory: nothing is read from or written to a state store.")
    var noState = false

    @Flag(name: .customLong("include-keep"), help: "List limits that need no change in recommendations.csv too (action keep).")
    var includeKeep = false

    @OptionGroup var findings: FindingOptions

    func validate() throws {
        if findings.fixSQL != nil, audit.profiles == nil {
            throw ValidationError("--fix-sql needs --profiles: it corrects the stored counters that --profiles reads")
        }
    }

    func run() throws {
        let logger = audit.makeLogger()
        let location: StateLocation?
        do {
            location = noState ? nil : try StateLocation(state)
        } catch {
            throw CommandFailure(.state(error))
        }
        let started = ContinuousClock.now
        let outcome = try audit.runAudit(logger: logger, state: location, includeKeep: includeKeep)
        do {
            try ReportSet(outcome: outcome).write(to: out, runSeconds: (ContinuousClock.now - started).seconds)
        } catch {
            throw CommandFailure(.report(error))
        }
        let totals = outcome.result.totals
        let known = outcome.result.inputs.filter { $0.content.name == "already_counted" }.count
        let knownNote = known > 0 ? "; \(known) of \(outcome.result.inputs.count) input(s) counted before, nothing added from them" : ""
        logger.info("counted \(totals.requests) requests of \(outcome.result.aggregate.users.count) users from \(totals.lines) new lines (\(totals.malformed) malformed)\(knownNote); \(outcome.findings.count) reconciliation findings; reports in \(out)")
        try findings.writeFixSQL(for: outcome)
        let thresholdFailure = findings.thresholdFailure(for: outcome)
        if outcome.hasDamage {
            thresholdFailure?.report()
            throw CommandFailure(
                message: "\(outcome.result.damagedInputs.count) input(s) damaged or changed since they were counted; everything readable and new was counted (see summary.json)",
                exitCode: ExitStatus.damagedInput)
        }
        if let thresholdFailure { throw thresholdFailure }
    }
}
