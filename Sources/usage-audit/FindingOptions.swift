import ArgumentParser
import Foundation
import UsageAudit

/// What to do with findings besides reporting them: `--fail-on` and `--fix-sql`.
struct FindingOptions: ParsableArguments {
    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "Exit with code 1 when a finding at or above this level is found: warning (any), error (wrong counters, unenforced limits), or kinds separated by commas. Off by default.",
        valueName: "level"))
    var failOn: String?

    @Option(name: .customLong("fix-sql"), help: ArgumentHelp(
        "Write the UPDATE statements that would set the drifted or stale stored counters to the recomputed values into this file, for a person to review. Never executed.",
        valueName: "file"))
    var fixSQL: String?

    @Option(name: .customLong("fix-sql-table"), help: ArgumentHelp(
        "The table --fix-sql updates: whg:TABLE (the gazetteer's profile table, user names from auth_user) or long:TABLE.",
        valueName: "layout:table"))
    var fixSQLTable = "long:profiles"

    func validate() throws {
        if fixSQLTable != "long:profiles", fixSQL == nil {
            throw ValidationError("--fix-sql-table only applies with --fix-sql FILE")
        }
        if let failOn, FindingThreshold(failOn) == nil {
            throw ValidationError("--fail-on '\(failOn)' is not a level; use \(FindingThreshold.accepted)")
        }
        if fixSQLLayout == nil {
            throw ValidationError("--fix-sql-table '\(fixSQLTable)' must be whg:TABLE or long:TABLE, e.g. whg:api_userapiprofile")
        }
    }

    private var fixSQLLayout: FixSQLLayout? {
        let parts = fixSQLTable.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        switch parts[0] {
        case "whg": return .whg(table: parts[1])
        case "long": return .long(table: parts[1])
        default: return nil
        }
    }

    /// Writes the `--fix-sql` script, if asked for.
    func writeFixSQL(for outcome: AuditOutcome) throws(CommandFailure) {
        if let fixSQL, let layout = fixSQLLayout {
            let calendar = ZonedCalendar(timeZone: outcome.configuration.timeZone)
            let script = CounterFixSQL(layout: layout).script(for: outcome.findings, asOf: outcome.asOf, calendar: calendar)
            do {
                try AtomicFile.write(script, to: fixSQL)
            } catch {
                throw CommandFailure(.report(error))
            }
        }
    }

    /// The exit-code-1 failure when `--fail-on` is reached, else nil.
    func thresholdFailure(for outcome: AuditOutcome) -> CommandFailure? {
        guard let failOn, let threshold = FindingThreshold(failOn), threshold.isReached(by: outcome.findings) else { return nil }
        let count = outcome.findings.filter { threshold.kinds.contains($0.kind) }.count
        return CommandFailure(message: "\(count) finding(s) at or above --fail-on \(failOn)", exitCode: ExitStatus.findings)
    }
}
