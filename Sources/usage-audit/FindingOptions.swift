import ArgumentParser
import Foundation
import Logging
import UsageAudit

/// How findings are judged and what to do with them besides reporting them:
/// `--tolerance` and `--snapshot-at` (`JudgingOptions`), `--fail-on` and `--fix-sql`.
struct FindingOptions: ParsableArguments {
    @OptionGroup var judging: JudgingOptions

    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "Exit with code 1 when a finding at or above this level is found: warning (any finding; in run, any anomaly too), error (wrong counters, unenforced limits), or kinds separated by commas (drift,over_limit_served; run also takes anomaly kinds: spike,near_limit). Off by default.",
        valueName: "level"))
    var failOn: String?

    @Option(name: .customLong("fix-sql"), help: ArgumentHelp(
        "Write the UPDATE statements that would set the drifted or stale stored counters to the recomputed values into this file, for a person to review. Never executed.",
        valueName: "file"))
    var fixSQL: String?

    @Option(name: .customLong("fix-sql-table"), help: ArgumentHelp(
        "The table --fix-sql updates: whg:TABLE (the gazetteer's profile table, user names from auth_user) or long:TABLE. Default: whg:api_userapiprofile for profiles in the whg layout, the table --profiles read (sqlite:, postgres:) for the long layout, else long:profiles.",
        valueName: "layout:table"))
    var fixSQLTable: String?

    func validate() throws {
        if let fixSQL, fixSQL.isEmpty || fixSQL == "-" {
            throw ValidationError("--fix-sql needs a file name to write the statements into (stdout carries the command's own output)")
        }
        if fixSQLTable != nil, fixSQL == nil {
            throw ValidationError("--fix-sql-table only applies with --fix-sql FILE")
        }
        if let failOn, FindingThreshold(failOn) == nil {
            if let level = FindingThreshold.level(inList: failOn) {
                throw ValidationError("--fail-on '\(failOn)': '\(level)' is a level, which stands alone: use --fail-on \(level)\(level == "error" ? ", or a list of kinds only (error is " + FindingThreshold.errorKinds.map(\.rawValue).sorted().joined(separator: ",") + ")" : ", or a list of kinds only")")
            }
            if failOn.contains(","), let word = FindingThreshold.unknownWord(in: failOn) {
                throw ValidationError("--fail-on '\(failOn)': '\(word)' is no level or kind; use \(FindingThreshold.accepted)")
            }
            throw ValidationError("--fail-on '\(failOn)' is not a level; use \(FindingThreshold.accepted)")
        }
        if let fixSQLTable, Self.layout(fixSQLTable) == nil {
            throw ValidationError("--fix-sql-table '\(fixSQLTable)' must be whg:TABLE or long:TABLE, e.g. whg:api_userapiprofile")
        }
    }

    /// `whg:TABLE` or `long:TABLE`, else nil.
    private static func layout(_ text: String) -> FixSQLLayout? {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        switch parts[0] {
        case "whg": return .whg(table: parts[1])
        case "long": return .long(table: parts[1])
        default: return nil
        }
    }

    /// The table shape to write for profiles read in `profileLayout` from `profileTable`:
    /// `--fix-sql-table`, else `FixSQLLayout.defaulted`.
    func fixSQLLayout(profileLayout: String?, profileTable: String?) -> FixSQLLayout {
        if let fixSQLTable, let layout = Self.layout(fixSQLTable) { return layout }
        return FixSQLLayout.defaulted(layoutName: profileLayout, table: profileTable)
    }

    /// Writes the `--fix-sql` script, if asked for. Profiles of a layout that has no such
    /// table (carto, waldur, smart-ratelimit) get the long layout's, with a warning.
    func writeFixSQL(for outcome: AuditOutcome, logger: Logger) throws(CommandFailure) {
        guard let fixSQL else { return }
        let layout = fixSQLLayout(profileLayout: outcome.profileLayout, profileTable: outcome.profileTable)
        if fixSQLTable == nil, let read = outcome.profileLayout, read != "long", read != "whg" {
            logger.warning("--fix-sql wrote UPDATE statements for a long-layout table \"\(layout.table)\" (user, scope, period, used), but the profiles were read in the \(read) layout, whose store keeps its counters otherwise: adapt them to your schema, or give --fix-sql-table long:TABLE for a table of that shape")
        }
        let calendar = ZonedCalendar(timeZone: outcome.configuration.timeZone)
        let script = CounterFixSQL(layout: layout, profiles: outcome.profiles).script(
            for: outcome.findings, asOf: outcome.asOf, calendar: calendar)
        do {
            try AtomicFile.write(script, to: fixSQL)
        } catch {
            throw CommandFailure(.report(error))
        }
    }

    /// `--fix-sql` as an output a run must not read (`OutputCollision`).
    var outputFiles: [(flag: String, path: String)] {
        fixSQL.map { [("--fix-sql", $0)] } ?? []
    }

    /// Refuses anomaly kinds in `--fail-on` for a command that reports no anomalies
    /// (`reconcile`): they could never be seen where the exit code points.
    func validateWithoutAnomalies(command: String) throws {
        guard let failOn else { return }
        let named = failOn.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { AnomalyKind(rawValue: $0) != nil }
        guard !named.isEmpty else { return }
        throw ValidationError("--fail-on \(named.joined(separator: ",")): \(command) reports no anomalies; use 'usage-audit run --fail-on …' to exit 1 on them")
    }

    /// The exit-code-1 failure when `--fail-on` is reached, else nil. `anomalies`: whether
    /// the command reports them (`run`); `reconcile`'s `warning` is any reconciliation finding.
    func thresholdFailure(for outcome: AuditOutcome, anomalies: Bool) -> CommandFailure? {
        guard let failOn, let threshold = FindingThreshold(failOn) else { return nil }
        let counted = threshold.count(findings: outcome.findings, anomalies: anomalies ? outcome.anomalies : [])
        guard counted.findings + counted.anomalies > 0 else { return nil }
        var parts: [String] = []
        if counted.findings > 0 { parts.append("\(counted.findings) finding\(counted.findings == 1 ? "" : "s")") }
        if counted.anomalies > 0 { parts.append("\(counted.anomalies) anomal\(counted.anomalies == 1 ? "y" : "ies")") }
        return CommandFailure(message: "\(parts.joined(separator: " and ")) at or above --fail-on \(failOn)", exitCode: ExitStatus.findings)
    }
}
