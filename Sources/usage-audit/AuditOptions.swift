import ArgumentParser
import Foundation
import Logging
import UsageAudit

/// The options every auditing subcommand shares: configuration, inputs, audit moment.
struct AuditOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The audit configuration (TOML).", valueName: "file"))
    var config: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The audit moment, RFC 3339 (e.g. 2026-11-21T00:00:00+01:00). Default: the latest request time in the logs.",
        valueName: "time"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp(
        "The stored counters to audit: a CSV or JSON file, sqlite:PATH?table=T, or postgres://USER@HOST/DB?table=T (PG* variables fill the rest). Add ?layout=long|whg|waldur|carto|smart-ratelimit to force a layout.",
        valueName: "source"))
    var profiles: String?

    // Unconditional, so that `--jobs -1` reaches the check below instead of reading as an
    // unknown flag.
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("How many inputs to read at once. Default: one per core.", valueName: "n"))
    var jobs: Int?

    @Flag(name: .shortAndLong, help: "Log more on stderr (per-input details).")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Log only errors on stderr.")
    var quiet = false

    @Option(name: .customLong("partial"), help: ArgumentHelp(
        "A partial (from usage-audit partial or merge) to count as input beside the logs; repeat for more.",
        valueName: "file"))
    var partials: [String] = []

    @Argument(help: ArgumentHelp(
        "Log files, directories (read recursively in name order), quoted globs, or - for stdin. Gzip is detected by content.",
        valueName: "log"))
    var logs: [String] = []

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet cannot be used together") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if logs.isEmpty && partials.isEmpty {
            throw ValidationError("no log input given: name log files or directories, or - to read stdin (or give --partial files)")
        }
        if logs.filter({ $0 == "-" }).count > 1 { throw ValidationError("'-' (stdin) can be given only once") }
    }

    /// A logger writing to stderr at the level the flags ask for.
    func makeLogger() -> Logger {
        let level: Logger.Level = quiet ? .error : (verbose ? .debug : .info)
        LoggingSystem.bootstrap { _ in StandardErrorLogHandler(level: level) }
        return Logger(label: "usage-audit")
    }

    /// Loads the configuration, expands the inputs and runs the audit.
    /// - Parameter outputs: the files the command will write besides reports (`-o`,
    ///   `--fix-sql`): refused when one of them is an input of the run.
    func runAudit(
        logger: Logger, tolerance: Int64 = 0, snapshotAt: String? = nil, state: StateLocation? = nil, includeKeep: Bool = false, reviewDays: Int = 0, recordsRun: Bool = true,
        awaitsCommit: Bool = true, recordsContent: Bool = false, analyses: Bool = true, outputs: OutputCollision = OutputCollision(outputs: [])
    ) throws(CommandFailure) -> AuditOutcome {
        let configuration: AuditConfiguration
        do {
            configuration = try ConfigurationLoader.load(path: config)
        } catch {
            throw CommandFailure(.configuration(error))
        }
        for doubt in configuration.doubts { logger.warning("configuration \(config): \(doubt)") }
        if let engine = ProcessInfo.processInfo.environment["USAGE_AUDIT_INFLATE"], engine.lowercased() != InflateEngine.selected.rawValue {
            let names = InflateEngine.available.map(\.rawValue).joined(separator: ", ")
            logger.warning("USAGE_AUDIT_INFLATE=\(engine) names no inflate engine of this build (\(names)): using \(InflateEngine.selected.rawValue)")
        }
        var moment: Int64?
        if let asOf {
            guard let parsed = AuditMoment.parse(asOf, timeZone: configuration.timeZone) else {
                throw CommandFailure(message: "--as-of '\(asOf)' is not an RFC 3339 time; write e.g. 2026-11-21T00:00:00Z or 2026-11-21T00:00:00+01:00", exitCode: ExitStatus.usage)
            }
            moment = parsed
        }
        var snapshot: Int64?
        if let snapshotAt {
            guard let parsed = snapshotAt == "now" ? Int64(Date().timeIntervalSince1970) : AuditMoment.parse(snapshotAt, timeZone: configuration.timeZone) else {
                throw CommandFailure(message: "--snapshot-at '\(snapshotAt)' is not an RFC 3339 time or 'now'; write e.g. 2026-11-21T03:00:00+01:00", exitCode: ExitStatus.usage)
            }
            snapshot = parsed
        }
        // An output that is an input, found once the inputs are known: refused after the do.
        var collision: CommandFailure?
        audit: do throws(AuditError) {
            let audit = try Audit(configuration: configuration)
            if let keysFile = configuration.identity.keysFile, audit.plan.keyCount == 0 {
                logger.warning("configuration \(config): the keys file \(configuration.resolve(path: keysFile)) maps no key to a user (only a header, comments or blank lines): every API key is reported masked (key:…) as an unknown key; add 'key,user' lines")
            }
            let inputs: [InputSource]
            do throws(InputError) {
                let expanded = try InputExpander().expandNamingDanglingLinks(logs)
                inputs = expanded.inputs
                if !expanded.danglingLinks.isEmpty {
                    let shown = expanded.danglingLinks.prefix(3).joined(separator: ", ") + (expanded.danglingLinks.count > 3 ? " and \(expanded.danglingLinks.count - 3) more" : "")
                    logger.warning("\(expanded.danglingLinks.count.counted("symbolic link")) in the log folders \(expanded.danglingLinks.count == 1 ? "leads" : "lead") nowhere and \(expanded.danglingLinks.count == 1 ? "was" : "were") skipped: \(shown) — a log moved or rotated away from under its link?")
                }
            } catch {
                throw AuditError.input(error)
            }
            var read: [(what: String, path: String)] = [("configuration", config)]
            switch profiles.flatMap({ try? ProfileSourceSpecification(parsing: $0) })?.location {
            case .file(let path)?: read.append(("profiles", path))
            case .sqlite(let path, _)?: read.append(("profiles database", path))
            default: break
            }
            if case .sqlite(let path)? = state { read.append(("state store", path)) }
            if let keys = configuration.identity.keysFile { read.append(("keys file", configuration.resolve(path: keys))) }
            for case .file(let path) in inputs { read.append(("log", path)) }
            for path in partials { read.append(("partial", path)) }
            if let refused = outputs.collision(against: read) {
                collision = refused
                break audit
            }
            var partialUsage: [UsagePartial] = []
            for path in partials {
                do {
                    partialUsage.append(try PartialFile.read(path: path))
                } catch {
                    throw AuditError.partial(error)
                }
            }
            let stored = try loadProfiles(configuration: configuration, snapshotAt: snapshot, logger: logger)
            warnAboutProfileZone(layout: stored.layout, configuration: configuration, logger: logger)
            let store: (any StateStore)?
            do {
                store = try state?.open()
            } catch {
                throw AuditError.state(error)
            }
            logger.debug("reading \(inputs.count) input(s)")
            let progress = CountingProgress(inputCount: inputs.count)
            let line = ProgressLine.start(for: progress, quiet: quiet)
            defer { line?.finish() }
            let outcome = try audit.run(
                inputs: inputs, partials: partialUsage, asOf: moment, profiles: stored.profiles, tolerance: tolerance, state: store, includeKeep: includeKeep,
                reviewDays: reviewDays, recordsRun: recordsRun, awaitsCommit: awaitsCommit, recordsContent: recordsContent, analyses: analyses,
                workers: jobs ?? System.coreCount, logger: logger, progress: progress)
            warnAboutEmptyInputs(in: outcome, logger: logger)
            warnAboutMalformedLines(in: outcome, logger: logger)
            warnAboutUnattributedRequests(in: outcome, logger: logger)
            warnAboutUnreadableCosts(in: outcome, logger: logger)
            warnAboutAbsentCosts(in: outcome, logger: logger)
            warnAboutExcludedRequests(in: outcome, logger: logger)
            warnAboutDistantMoment(in: outcome, logger: logger)
            var named = outcome
            named.profileLayout = stored.layout
            named.profileTable = stored.table
            return named
        } catch {
            throw CommandFailure(error)
        }
        throw collision ?? CommandFailure(message: "internal error: the audit ended without an outcome", exitCode: ExitStatus.usage)
    }

    /// The stored counters `--profiles` names, or none. Those without a `snapshot_at` are
    /// taken as read at `snapshotAt` when given, else, from a database, when it was read
    /// (else the audit moment decides, in the reconciler).
    private func loadProfiles(
        configuration: AuditConfiguration, snapshotAt: Int64?, logger: Logger
    ) throws(AuditError) -> (profiles: [StoredProfile], layout: String?, table: String?) {
        guard let profiles else { return ([], nil, nil) }
        let context = ProfileReadContext(
            timeZone: configuration.timeZone, quotaPeriods: configuration.quotas.map { ($0.scope, $0.period) })
        let readAt = Int64(Date().timeIntervalSince1970)
        let loaded: LoadedProfiles
        do {
            loaded = try ProfileStore.loadNamingLayout(profiles, context: context)
        } catch {
            throw .profiles(error)
        }
        if let (column, meant) = loaded.misspelling, let layout = loaded.layout {
            logger.warning("--profiles \(ConnectionString.masked(profiles)): the \(layout) layout does not read its column '\(column)', a near miss of '\(meant)', which it lacks: every '\(meant)' is read as empty; if '\(column)' is meant as '\(meant)', rename it")
        }
        if loaded.profiles.isEmpty {
            logger.warning("--profiles \(ConnectionString.masked(profiles)) holds no stored counter: an empty export audits nothing (missing_profile needs some profiles)")
        }
        warnAboutRepeatedCounters(in: loaded.profiles, logger: logger)
        guard let moment = snapshotAt ?? (loaded.isReadLive ? readAt : nil) else { return (loaded.profiles, loaded.layout, loaded.table) }
        return (loaded.profiles.snapshotted(at: moment), loaded.layout, loaded.table)
    }
}
