import ArgumentParser
import Foundation
import UsageAudit

/// `usage-audit run`: the nightly job. Counts the logs and writes every report.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Count usage from access logs and write the reports.",
        discussion: """
            Writes into --out, each file atomically (a crash never leaves a half-written \
            report): usage.csv / .json (one row per user, scope and period bucket with use), \
            reconciliation.csv / .json (what is wrong with the stored counters of --profiles), \
            anomalies.csv / .json (use out of character or near the limit), \
            recommendations.csv / .json (limits to change), report.html (one page for staff), \
            metrics.prom (for the node_exporter textfile collector) and summary.json (inputs, \
            totals, damage, findings per kind).

            Inputs are counted once by content: the state store (--state, default \
            .usage-audit/state.sqlite) remembers what earlier runs counted, and the reports \
            cover the stored history as well as this run's logs.

            Example (nightly):
              usage-audit run --config /etc/usage-audit/config.toml \\
                  --state /var/lib/usage-audit/state.sqlite \\
                  --profiles 'postgres://audit@db/api?table=quota' \\
                  --out /var/lib/usage-audit/reports \\
                  /var/log/nginx/access.log.1 /var/log/nginx/access.log.2.gz
            """
    )

    @OptionGroup var audit: AuditOptions

    @Option(name: .long, help: ArgumentHelp("The report folder, created if missing.", valueName: "dir"))
    var out = "reports"

    @Option(name: .long, help: ArgumentHelp(
        "The state store that remembers what was counted and each user's history: an SQLite file (created if missing) or postgres://USER@HOST/DB (PG* variables fill the rest). Default: \(StateLocation.defaultPath)",
        valueName: "source"))
    var state: String?

    @Flag(name: .customLong("no-state"), help: "Count the inputs whole, with no memory: nothing is read from or written to a state store.")
    var noState = false

    @Flag(name: .customLong("include-keep"), help: "List limits that need no change in recommendations.csv too (action keep).")
    var includeKeep = false

    @OptionGroup var findings: FindingOptions

    func validate() throws {
        if out.isEmpty { throw ValidationError("--out needs a folder name (default: reports)") }
        if noState, let state {
            throw ValidationError("--state \(state) and --no-state cannot be used together: keep one")
        }
        if findings.fixSQL != nil, audit.profiles == nil {
            throw ValidationError("--fix-sql needs --profiles: it corrects the stored counters that --profiles reads")
        }
    }

    func run() throws {
        let logger = audit.makeLogger()
        let location: StateLocation?
        do {
            location = noState ? nil : try StateLocation(state ?? StateLocation.defaultPath)
        } catch {
            throw CommandFailure(.state(error))
        }
        let started = ContinuousClock.now
        // The reports are written while the state commit runs, and put in place once it succeeded.
        var outcome = try audit.runAudit(
            logger: logger, tolerance: findings.judging.tolerance, snapshotAt: findings.judging.snapshotAt, state: location,
            includeKeep: includeKeep, awaitsCommit: false, outputs: OutputCollision(outputs: findings.outputFiles))
        let leftovers = AtomicFile.removeLeftovers(in: out, where: ReportSet.isReportFile)
        if !leftovers.isEmpty {
            logger.notice("removed \(leftovers.count) temporary report file(s) that killed runs left in \(out): \(leftovers.joined(separator: ", "))")
        }
        let staged: StagedReports
        do throws(ReportError) {
            staged = try ReportSet(outcome: outcome).stage(in: out)
        } catch {
            // A run that fails leaves the state as it was (DESIGN §7): the commit is rolled back.
            outcome.abandonCommit()
            throw CommandFailure(.report(error))
        }
        do {
            try outcome.awaitCommit()
        } catch {
            staged.discard()
            throw CommandFailure(error)
        }
        do {
            try ReportSet(outcome: outcome).publish(staged, runSeconds: (ContinuousClock.now - started).seconds)
        } catch {
            throw CommandFailure(.report(error))
        }
        let totals = outcome.result.totals
        let known = outcome.result.inputs.filter { $0.content.name == "already_counted" }.count
        let knownNote = known > 0 ? "; \(known) of \(outcome.result.inputs.count) input(s) counted before, nothing added from them" : ""
        logger.info("counted \(totals.requests.counted("request")) of \(outcome.result.aggregate.users.count.counted("user")) from \(totals.lines.counted("new line")) (\(totals.malformed) malformed)\(knownNote); \(outcome.findings.count.counted("reconciliation finding")); reports in \(out)")
        try findings.writeFixSQL(for: outcome, logger: logger)
        let thresholdFailure = findings.thresholdFailure(for: outcome, anomalies: true)
        if outcome.hasDamage {
            thresholdFailure?.report()
            throw CommandFailure(
                message: "\(outcome.damageMessage) (see summary.json)",
                exitCode: ExitStatus.damagedInput)
        }
        if let thresholdFailure { throw thresholdFailure }
    }
}
