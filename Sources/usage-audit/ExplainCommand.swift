import ArgumentParser
import Foundation
import Logging
import UsageAudit

/// `usage-audit explain USER`: one user's recent history, limits, findings and advice, read
/// from the state store (nothing is counted or written).
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show a user's recent use, limits, findings and the reasoning behind each.",
        discussion: """
            Reads the state store that nightly runs keep (--state) and, with --profiles, the stored \
            limits; counts nothing and writes nothing. The table shows the last --days days per scope \
            as a sparkline against the daily limit; --format jsonl prints one JSON object per \
            anomaly, reconciliation finding and recommendation (with a "category" member).

            Example:
              usage-audit explain --config samples/config.toml \\
                  --profiles samples/profiles.csv j.weber
            """
    )

    @Option(name: .long, help: ArgumentHelp("The audit configuration (TOML).", valueName: "file"))
    var config: String

    @Option(name: .long, help: ArgumentHelp("The state store the nightly runs keep.", valueName: "source"))
    var state = StateLocation.defaultPath

    @Option(name: .long, help: ArgumentHelp("The stored counters and limits (as for run).", valueName: "source"))
    var profiles: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The audit moment, RFC 3339. Default: the latest request the store counted.", valueName: "time"))
    var asOf: String?

    @OptionGroup var judging: JudgingOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("How many days of history to show, 1 to 366.", valueName: "n"))
    var days = 28

    @Option(name: .long, help: ArgumentHelp("table (default) or jsonl.", valueName: "format"))
    var format = "table"

    @Flag(name: .shortAndLong, help: "Log only errors on stderr.")
    var quiet = false

    @Argument(help: ArgumentHelp("The user, as the reports name it (e.g. alice, key:sk_liv…#3f9a1c07, ip:10.0.0.7).", valueName: "user"))
    var user: String

    func validate() throws {
        if days < 1 || days > 366 { throw ValidationError("--days must be between 1 and 366") }
        if format != "table" && format != "jsonl" { throw ValidationError("--format must be table or jsonl") }
    }

    func run() throws {
        var arguments: [String] = ["--config", config]
        if let asOf { arguments += ["--as-of", asOf] }
        if let profiles { arguments += ["--profiles", profiles] }
        if quiet { arguments.append("-q") }
        var options = try AuditOptions.parse(arguments + ["-"])
        options.logs = []
        let location: StateLocation
        do {
            location = try StateLocation(state)
        } catch {
            throw CommandFailure(.state(error))
        }
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure(message: "no state store at \(path): explain reads what nightly runs stored; give --state or run usage-audit run first", exitCode: ExitStatus.unreadableInput)
        }
        let logger = options.makeLogger()
        if profiles == nil {
            logger.notice("without --profiles the limits are the quota defaults and no stored counter is checked: give the nightly run's --profiles to see the same findings and advice")
        }
        let outcome = try options.runAudit(logger: logger, tolerance: judging.tolerance, snapshotAt: judging.snapshotAt, state: location, includeKeep: true, reviewDays: days, recordsRun: false)
        if asOf != nil { warnAboutDistantMoment(outcome, logger: logger) }
        var explanation = UserExplanation(outcome: outcome, user: user, days: days)
        // A name copied from usage.csv keeps the ' that guards it against spreadsheets.
        let unguarded = String(user.dropFirst())
        if !explanation.isKnown, user.hasPrefix("'"), CSVRenderer.neutralise(unguarded) == user {
            explanation = UserExplanation(outcome: outcome, user: unguarded, days: days)
        }
        guard explanation.isKnown else {
            throw CommandFailure(message: "no use and no finding for '\(user)' in the last \(days) days of \(state); user names are as in usage.json (usage.csv puts a ' before a name that starts with =, +, -, @), e.g. key:sk_liv…#3f9a1c07 or ip:10.0.0.7; give --days for older use", exitCode: ExitStatus.usage)
        }
        if format == "jsonl" {
            StandardOutput.write(explanation.jsonLines().map { $0.rendered(pretty: false) + "\n" }.joined())
        } else {
            StandardOutput.write(explanation.text())
        }
    }

    /// Says on stderr when `--as-of` lies more than a day after the last day the store
    /// holds use of anyone: every day since shows none (a mistyped date, as `run` warns).
    private func warnAboutDistantMoment(_ outcome: AuditOutcome, logger: Logger) {
        let calendar = ZonedCalendar(timeZone: outcome.configuration.timeZone)
        let asOfDay = calendar.localDay(containing: outcome.asOf)
        guard let lastDay = outcome.usage.cellKeys.lazy.map(\.day).max() else {
            logger.warning("--as-of \(calendar.rfc3339(outcome.asOf)): the state store holds no use in the \(Audit.historyDays) days before it; check the date")
            return
        }
        guard asOfDay.number - lastDay.number > 1 else { return }
        logger.warning("--as-of \(calendar.rfc3339(outcome.asOf)) is \(asOfDay.number - lastDay.number) days after the last day the state store holds use of (\(lastDay)): every day since shows none; check the date")
    }
}
