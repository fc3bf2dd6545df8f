import ArgumentParser
import Foundation
import UsageAudit

/// `usage-audit partial`: counts a shard of the logs into a mergeable partial (DESIGN §9).
struct PartialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partial",
        abstract: "Count a shard of the logs into a partial that merge and run combine exactly.",
        discussion: """
            Writes the shard's usage per user, scope and day, the hourly usage of its last two \
            days, what was read from each log and each log's content record, as one JSON Lines file, \
            atomically. No state store is read or written and no report is made: give the \
            partials to usage-audit merge (associative and commutative: merge in any grouping \
            and order), and the result to run, count or reconcile with --partial. A state store \
            that receives a partial records its logs by content, so each log is counted once, \
            whether it comes as a log or in a partial.

            Count every shard with the same configuration and usage-audit version; merge and run \
            refuse partials of another time zone or other scopes, and a log that is in two of them.

            Example (one machine per shard, then one merge and the nightly run):
              usage-audit partial --config config.toml -o shard-1.partial.jsonl logs/web-1/
              usage-audit partial --config config.toml -o shard-2.partial.jsonl logs/web-2/
              usage-audit merge -o night.partial.jsonl shard-*.partial.jsonl
              usage-audit run --config config.toml --partial night.partial.jsonl --out reports
            """
    )

    @OptionGroup var audit: AuditOptions

    @Option(name: .short, help: ArgumentHelp("Write the partial to this file (atomically); - is stdout.", valueName: "file"))
    var output: String

    func validate() throws {
        if output.isEmpty { throw ValidationError("-o needs a file name (or - for stdout)") }
        if output != "-" {
            let folder = PathFolder.of(output)
            var isFolder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
                throw ValidationError("-o \(output): the folder \(folder) does not exist; create it first")
            }
        }
        if audit.profiles != nil {
            throw ValidationError("--profiles has no effect on partial, which only counts: give it to the run that reads the partials")
        }
    }

    func run() throws {
        let logger = audit.makeLogger()
        let path = output == "-" ? "/dev/stdout" : output
        let outcome = try audit.runAudit(
            logger: logger, recordsContent: true, analyses: false, outputs: OutputCollision(outputs: output == "-" ? [] : [("-o", output)]))
        let partial = UsagePartial(counting: outcome.result, configuration: outcome.configuration, source: output)
        do {
            try PartialFile.write(partial, to: path)
        } catch {
            throw CommandFailure(.partial(error))
        }
        let totals = outcome.result.totals
        logger.info("counted \(totals.requests.counted("request")) of \(partial.daily.users.count.counted("user")) from \(totals.lines.counted("line")) (\(totals.malformed) malformed) into \(output == "-" ? "stdout" : output)")
        if outcome.hasDamage {
            throw CommandFailure(message: "\(outcome.damageMessage) (the partial holds everything readable)", exitCode: ExitStatus.damagedInput)
        }
    }
}
