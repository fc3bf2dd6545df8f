import ArgumentParser
import UsageAudit

extension UsageAuditCommand {
    /// The first long option in `arguments` that the subcommand they name does not have,
    /// with the nearest option it has (`run --confg c.toml` → `("--confg", "--config")`).
    ///
    /// Asked only after the parser refused the arguments: it reports a required option as
    /// missing before an unknown one, so `--confg` would read as a missing `--config`.
    /// The options a subcommand has are the long options its help lists.
    static func unknownOption(in arguments: [String]) -> (option: String, nearest: String?)? {
        guard let name = arguments.first,
              let subcommand = configuration.subcommands.first(where: { $0.configuration.commandName == name })
        else { return nil }
        let known = longOptions(in: helpMessage(for: subcommand, columns: 1000))
        for argument in arguments.dropFirst() {
            if argument == "--" { break }
            guard argument.hasPrefix("--"), argument.count > 2 else { continue }
            let option = String(argument.prefix { $0 != "=" })
            if !known.contains(option) {
                return (option, Spelling.nearest(to: option, among: Array(known)))
            }
        }
        return nil
    }

    /// Every `--word` token in `help`.
    private static func longOptions(in help: String) -> Set<String> {
        var options: Set<String> = []
        var rest = Substring(help)
        while let start = rest.range(of: "--") {
            let name = rest[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            if !name.isEmpty { options.insert("--" + name) }
            rest = rest[start.upperBound...].dropFirst(name.count)
        }
        return options
    }
}
