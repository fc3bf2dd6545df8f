import ArgumentParser
import UsageAudit
import Foundation

/// The `usage-audit` command: parses arguments, runs a subcommand, maps errors to exit codes.
@main
struct UsageAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage-audit",
        abstract: "Recompute per-user API quota usage from access logs and audit the stored counters.",
        discussion: """
            usage-audit reads access logs (plain, gzip, directories, globs or - for stdin), \
            attributes every request to a user, counts usage per calendar period and writes \
            CSV / JSON reports. Data goes to stdout or report files; logs go to stderr.

            Exit codes: 0 ran and wrote its reports; 1 findings at or above --fail-on; \
            2 usage or configuration error; 3 an input could not be read at all (or a report \
            could not be written); 4 some input was damaged (everything readable was counted).
            """,
        version: UsageAuditVersion.current,
        subcommands: [RunCommand.self, CountCommand.self, ReconcileCommand.self, ExplainCommand.self, PartialCommand.self, MergeCommand.self, FormatsCommand.self],
        defaultSubcommand: nil
    )

    static func main() {
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let topic = unknownHelpTopic(in: arguments) {
            // The parser's own `help` shows the overview for any unknown name and exits 0.
            failUsage("'help \(topic)': there is no subcommand '\(topic)'. Subcommands: \(subcommandNames.joined(separator: ", ")).", see: "usage-audit --help")
        }
        if let name = unknownSubcommand(in: arguments) {
            // The parser would name the first option it cannot place instead
            // (`usage-audit cont --config c.toml`: "Unknown option '--config'").
            let hint = Spelling.nearest(to: name, among: subcommandNames).map { " Did you mean '\($0)'?" } ?? ""
            failUsage("there is no subcommand '\(name)'.\(hint) Subcommands: \(subcommandNames.joined(separator: ", ")).", see: "usage-audit --help")
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            failure.report()
            Foundation.exit(failure.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure, let unknown = unknownOption(in: arguments) {
                let hint = unknown.nearest.map { " Did you mean '\($0)'?" } ?? ""
                failUsage("Unknown option '\(unknown.option)'.\(hint)", see: "usage-audit \(arguments[0]) --help")
            }
            if code == .validationFailure {
                StandardError.shared.write(fullMessage(for: error) + "\n")
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }

    /// Says `message` on stderr, in the parser's shape, and exits with the usage status.
    private static func failUsage(_ message: String, see help: String) -> Never {
        StandardError.shared.write("Error: \(message)\n  See '\(help)'.\n")
        Foundation.exit(ExitStatus.usage)
    }

    /// The name after `help` that names no subcommand (`usage-audit help nope`), if any.
    static func unknownHelpTopic(in arguments: [String]) -> String? {
        guard arguments.first == "help", let topic = arguments.dropFirst().first, !topic.hasPrefix("-") else { return nil }
        return subcommandNames.contains(topic) || topic == "help" ? nil : topic
    }

    /// The first argument when it is a word that names no subcommand (`usage-audit cont`),
    /// if any; options (`--help`, `--version`) and `help` are the parser's.
    static func unknownSubcommand(in arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), first != "help" else { return nil }
        return subcommandNames.contains(first) ? nil : first
    }

    static var subcommandNames: [String] { configuration.subcommands.compactMap { $0.configuration.commandName } }
}
