import ArgumentParser

/// How stored counters are judged against the logs: `--tolerance` and `--snapshot-at`, for
/// every subcommand that has findings (run, reconcile, explain).
struct JudgingOptions: ParsableArguments {
    // Unconditional, so that `--tolerance -5` reaches the check below instead of reading
    // as an unknown flag.
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Units a stored counter may differ from the logs without a finding (requests in flight at snapshot time).",
        valueName: "units"))
    var tolerance: Int64 = 0

    @Option(name: .customLong("snapshot-at"), help: ArgumentHelp(
        "When the stored counters were read, for profiles without snapshot_at: RFC 3339 or 'now'. Default: when a database source (sqlite:, postgres:) is read; for a file, --as-of.",
        valueName: "time"))
    var snapshotAt: String?

    func validate() throws {
        if tolerance < 0 { throw ValidationError("--tolerance must be 0 or more units") }
    }
}
