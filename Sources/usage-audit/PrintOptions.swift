import ArgumentParser
import Foundation
import UsageAudit

extension OutputFormat: ExpressibleByArgument {}

/// The options of commands that print a table: `--format` and `-o`.
struct PrintOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("csv, json, jsonl or table. Default: from the -o file's extension (.json, .jsonl, else csv); on stdout table on a terminal, csv otherwise.", valueName: "format"))
    var format: OutputFormat?

    @Option(name: .short, help: ArgumentHelp("Write to this file (atomically) instead of stdout; - (or /dev/stdout) is stdout.", valueName: "file"))
    var output = "-"

    func validate() throws {
        if output.isEmpty { throw ValidationError("-o needs a file name (or - for stdout)") }
    }

    /// Whether `-o` names standard output: `-`, or a name of it that `AtomicFile` knows
    /// (`/dev/stdout`), written as `-` is.
    private var writesToStandardOutput: Bool {
        output == "-" || AtomicFile.standardDescriptor(of: output) == STDOUT_FILENO
    }

    /// The format: `--format`, else the `-o` file's extension, else table on a terminal
    /// and csv in a pipe.
    var chosenFormat: OutputFormat {
        if let format { return format }
        guard writesToStandardOutput else {
            switch (output as NSString).pathExtension.lowercased() {
            case "json": return .json
            case "jsonl", "ndjson": return .jsonl
            default: return .csv
            }
        }
        return isatty(STDOUT_FILENO) == 1 ? .table : .csv
    }

    /// `-o` as an output a run must not read (`OutputCollision`), unless it is stdout.
    var outputFiles: [(flag: String, path: String)] {
        writesToStandardOutput ? [] : [("-o", output)]
    }

    /// Writes `table` to stdout or the `-o` file in the chosen format.
    func emit(_ table: ReportTable) throws(CommandFailure) {
        let text = chosenFormat.render(table)
        guard !writesToStandardOutput else {
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
