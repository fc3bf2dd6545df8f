import ArgumentParser
import Foundation
import UsageAudit

extension OutputFormat: ExpressibleByArgument {}

/// The options of commands that print a table: `--format` and `-o`.
struct PrintOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("csv, json, jsonl or table. Default: table on a terminal, csv otherwise.", valueName: "format"))
    var format: OutputFormat?

    @Option(name: .short, help: ArgumentHelp("Write to this file (atomically) instead of stdout; - is stdout.", valueName: "file"))
    var output = "-"

    /// Writes `table` to stdout or the `-o` file in the chosen format.
    func emit(_ table: ReportTable) throws(CommandFailure) {
        let chosen = format ?? (isatty(STDOUT_FILENO) == 1 ? .table : .csv)
        let text = chosen.render(table)
        guard output != "-" else {
            StandardOutput.write(text)
            return
        }
        do {
            try AtomicFile.write(text, to: output)
        } catch {
            throw CommandFailure(.report(error))
        }
    }
}
