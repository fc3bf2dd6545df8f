import Foundation
import Logging
import UsageAudit

/// What a run says on stderr about input it could not use as given: empty inputs, log
/// lines a wrong `[log] format` or `[identity]` leaves uncounted (otherwise a quiet day:
/// empty reports, exit 0), and stored counters a profiles export holds on more than one row.
extension AuditOptions {
    /// Says on stderr when lines did not match the log format, quoting the first one: a
    /// wrong `[log] format` otherwise looks like a quiet day.
    func warnAboutMalformedLines(in outcome: AuditOutcome, logger: Logger) {
        let totals = outcome.result.totals
        let samples = outcome.result.inputs.lazy.flatMap(\.malformedSamples)
        guard totals.malformed > 0, let first = samples.first else { return }
        // A line too long or cut off by damage says nothing of the format: quote one that does.
        let formatSample = samples.first { InputCounter.isFormatReason($0.reason) }
        let sample = formatSample ?? first
        let share = totals.lines > 0 ? Double(totals.malformed) / Double(totals.lines) : 1
        let which = sample.line == first.line && sample.file == first.file ? "first" : "the first that says why"
        let message = "\(totals.malformed.grouped) of \(totals.lines.grouped) lines did not match the log format; \(which): \(sample.file):\(sample.line): \(sample.reason)"
        if formatSample == nil {
            logger.warning("\(message) (lines longer than the limit, cut off by damage or not yet written whole: not a sign of a wrong [log] format)")
        } else if totals.parsed == 0 || share > 0.1 {
            logger.warning("\(message) — check [log] format in the configuration (usage-audit formats lists the presets)")
        } else {
            logger.notice("\(message) (`run` quotes the first ones, per file, in summary.json)")
        }
    }

    /// Says on stderr which inputs held no line at all (not counted before, not damaged): a
    /// log rotated before anything was written to it, or the wrong file, in a nightly job
    /// that would otherwise report a quiet day.
    func warnAboutEmptyInputs(in outcome: AuditOutcome, logger: Logger) {
        let empty = outcome.result.inputs.filter { input in
            guard input.lines == 0, input.skippedBytes == 0, input.error == nil else { return false }
            if case .alreadyCounted = input.content { return false }
            return true
        }
        guard !empty.isEmpty else { return }
        let shown = empty.prefix(3).map { $0.path == "-" ? "standard input" : $0.path }.joined(separator: ", ") + (empty.count > 3 ? " and \(empty.count - 3) more" : "")
        let all = empty.count == outcome.result.inputs.count
        let moment = all && asOf == nil && outcome.result.recountedLast == nil
            ? "; without a request time the audit moment is the current time (give --as-of for another)" : ""
        logger.warning("\(empty.count.counted("input")) held no log line: \(shown) — a log rotated before anything was written to it, or the wrong file\(moment)")
    }

    /// Says on stderr when `[count]` excluded every request that parsed: a prefix that
    /// matches nothing, or a status list that admits nothing, looks like a quiet day.
    func warnAboutExcludedRequests(in outcome: AuditOutcome, logger: Logger) {
        let totals = outcome.result.totals
        guard totals.parsed > 0, totals.excluded >= totals.parsed else { return }
        let count = outcome.configuration.count
        let paths = count.paths.isEmpty ? "all paths" : "paths = [" + count.paths.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        logger.warning("all \(totals.parsed) requests that parsed were excluded by [count] (\(paths)) or their status: nothing was metered — check that [count] paths are prefixes the logged paths start with (\"/api/\") and that status and exclude_status let the served requests count")
    }

    /// Says on stderr when cost fields held something that is not a whole number in range: those
    /// requests cost 0 units, an undercount that is otherwise silent.
    func warnAboutUnreadableCosts(in outcome: AuditOutcome, logger: Logger) {
        let count = outcome.result.totals.unreadableCosts
        guard count > 0 else { return }
        let names = costFields(in: outcome).joined(separator: ", ")
        logger.warning("\(count.counted("request")) had a cost (\(names)) that is not a whole number from 0 to \(CostReading.maximumUnits.grouped) (a fraction, a negative or far too large number, or '3, 4' from a retried upstream) and counted 0 units — check what the field logs; summary.json counts them per input as unreadable_costs")
    }

    /// Says on stderr which scopes' cost field no request had (every one `-`, empty or
    /// without it): a misspelt field name, or a field the log format does not log, costs
    /// 0 units throughout, which otherwise looks like a quiet day.
    func warnAboutAbsentCosts(in outcome: AuditOutcome, logger: Logger) {
        let totals = outcome.result.totals
        let never = totals.scopesWithoutCostField & ~totals.scopesWithCostField
        guard never != 0 else { return }
        let scopes = outcome.configuration.scopes.enumerated().compactMap { index, rule -> String? in
            guard index < 64, never & (1 << UInt64(index)) != 0, case .field(let name) = rule.cost else { return nil }
            return "\(rule.name) (cost = \"field:\(name)\")"
        }
        guard !scopes.isEmpty else { return }
        logger.warning("no request of \(scopes.joined(separator: ", ")) had its cost field (it was '-', empty or missing in every line): they counted 0 units — check the field's name against what the log lines hold")
    }

    /// The `field:NAME` costs of the configured scopes, sorted, each once.
    private func costFields(in outcome: AuditOutcome) -> [String] {
        Set(outcome.configuration.scopes.compactMap { rule -> String? in
            if case .field(let name) = rule.cost { return "field:\(name)" }
            return nil
        }).sorted()
    }

    /// Says on stderr when metered requests had no identity and were skipped: all of them
    /// (a warning: the sources in `[identity] from` find nothing in these logs) or most.
    func warnAboutUnattributedRequests(in outcome: AuditOutcome, logger: Logger) {
        let identity = outcome.configuration.identity
        let totals = outcome.result.totals
        guard identity.anonymous == .skip, totals.unattributed > 0 else { return }
        let metered = totals.parsed - totals.excluded
        let sources = identity.sources.map { "\"\($0.text)\"" }.joined(separator: ", ")
        let message = "\(totals.unattributed) of \(metered) metered requests had no identity and were not counted: "
            + "[identity] from = [\(sources)] found nothing in them"
        let advice = "check that the log format logs what `from` names (a user needs $remote_user or %u, "
            + "an API key its query parameter or field), or set [identity] anonymous = \"ip\" to count them by client address"
        if totals.unattributed >= metered {
            logger.warning("\(message) — \(advice)")
        } else if Double(totals.unattributed) > 0.5 * Double(metered) {
            logger.notice("\(message) — most of them; \(advice)")
        }
    }

    /// Says on stderr which stored counters the profiles hold on more than one row (the
    /// first few): each row is judged on its own, so one counter gets two verdicts.
    func warnAboutRepeatedCounters(in profiles: [StoredProfile], logger: Logger) {
        let repetitions = StoredProfile.repetitions(in: profiles)
        guard !repetitions.isEmpty else { return }
        let shown = repetitions.prefix(3).map { "\($0.counterName) (\($0.rows.map(\.origin).joined(separator: ", ")))" }
        let more = repetitions.count > 3 ? " and \(repetitions.count - 3) more" : ""
        let verb = repetitions.count == 1 ? "is" : "are"
        logger.warning("""
            \(repetitions.count.counted("stored counter")) \(verb) on more than one row of the profiles: \
            \(shown.joined(separator: ", "))\(more); each row is judged on its own, so fix the export to hold \
            one row per counter
            """)
    }

    /// Says on stderr when gazetteer (whg) profiles are audited in a zone other than UTC:
    /// its `daily_count` resets at midnight UTC, so a correct counter compared with local
    /// days shows as drift over the hours between the two midnights.
    func warnAboutProfileZone(layout: String?, configuration: AuditConfiguration, logger: Logger) {
        guard layout == "whg" else { return }
        let zone = configuration.timeZone
        // UTC by any name (Etc/UCT, Africa/Abidjan): no offset in winter or in summer.
        let winter = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01
        let summer = Date(timeIntervalSince1970: 1_782_864_000) // 2026-07-01
        guard zone.secondsFromGMT(for: winter) != 0 || zone.secondsFromGMT(for: summer) != 0 else { return }
        logger.warning("""
            the profiles are the gazetteer's (whg), whose daily_count resets at midnight UTC, but timezone = \
            "\(zone.identifier)": its counters are compared with \(zone.identifier) days, and a correct counter shows \
            as drift of the use between the two midnights; audit whg profiles with timezone = "UTC", unless your \
            instance resets its counters in another zone
            """)
    }

    /// Says on stderr when `--as-of` lies more than a day from the logs' requests: before
    /// their end (the later requests are counted all the same) or after it (no use in
    /// between). Usually a mistyped date.
    func warnAboutDistantMoment(in outcome: AuditOutcome, logger: Logger) {
        guard asOf != nil, let first = outcome.result.totals.first, let last = outcome.result.totals.last else { return }
        let day: Int64 = 86_400
        let calendar = ZonedCalendar(timeZone: outcome.configuration.timeZone)
        let moment = calendar.rfc3339(outcome.asOf)
        if outcome.asOf < last - day {
            logger.warning("--as-of \(moment) is \(Self.days(last - outcome.asOf)) before the last request in the logs (\(calendar.rfc3339(last))): the requests after it are counted in usage.csv all the same; check the date")
        } else if outcome.asOf > last + day {
            // A late log (yesterday's file read after today's) is normal with a state store:
            // the store's later requests count too.
            let stored = outcome.hourly.latest
            guard stored == .min || outcome.asOf > stored + day else { return }
            let known = stored > last ? "the last request counted (\(calendar.rfc3339(stored)), in the state store)" : "the last request in the logs (\(calendar.rfc3339(last)), first \(calendar.rfc3339(first)))"
            logger.warning("--as-of \(moment) is \(Self.days(outcome.asOf - max(last, stored))) after \(known): every day since shows no use; check the date")
        }
    }

    /// `3 days`, `1 day` for a span of seconds (whole days, rounded down, at least 1).
    private static func days(_ seconds: Int64) -> String {
        let days = max(1, seconds / 86_400)
        return days == 1 ? "1 day" : "\(days) days"
    }
}
