import ArgumentParser
import UsageAudit

/// `usage-audit merge`: combines partials into one, exactly.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine partials (from partial or merge) into one, exactly.",
        discussion: """
            Adds the partials' counts cell by cell and lists all their logs. Merging is \
            associative and commutative: any grouping and order gives the same file, byte for \
            byte, so a cluster can merge as its tasks finish. Partials of another time zone, \
            other scopes, or that hold the same log (by content) are refused, and nothing is \
            written.

            Example:
              usage-audit merge -o night.partial.jsonl shard-*.partial.jsonl
            """
    )

    @Option(name: .short, help: ArgumentHelp("Write the merged partial to this file (atomically); - is stdout.", valueName: "file"))
    var output: String

    @Flag(name: .shortAndLong, help: "Log only errors on stderr.")
    var quiet = false

    @Argument(help: ArgumentHelp("The partial files to merge (not stdin).", valueName: "partial"))
    var partials: [String] = []

    func validate() throws {
        if output.isEmpty { throw ValidationError("-o needs a file name (or - for stdout)") }
        if partials.isEmpty { throw ValidationError("no partial given: name the files usage-audit partial wrote") }
    }

    func run() throws {
        // By any name (a link, ../): the output must not be one of the partials it reads.
        if output != "-", let refused = OutputCollision(outputs: [("-o", output)]).collision(against: partials.map { ("partial", $0) }) {
            throw refused
        }
        var merged: UsagePartial?
        do throws(PartialError) {
            for path in partials {
                let partial = try PartialFile.read(path: path)
                if merged == nil { merged = partial } else { try merged!.merge(partial) }
            }
            guard let merged else { return }
            try PartialFile.write(merged, to: output == "-" ? "/dev/stdout" : output)
            if !quiet {
                StandardError.shared.write("usage-audit: merged \(partials.count.counted("partial")): \(merged.inputs.count.counted("log")), \(merged.daily.users.count.counted("user")), \(merged.daily.cellCount.counted("daily cell")) into \(output == "-" ? "stdout" : output)\n")
            }
        } catch {
            throw CommandFailure(.partial(error))
        }
    }
}
