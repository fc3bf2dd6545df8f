extension PartialDocument.Input {
    init(_ statistics: InputStatistics) {
        path = statistics.path
        bytes = statistics.bytes
        lines = statistics.lines
        parsed = statistics.parsed
        malformed = statistics.malformed
        ignored = statistics.ignored
        unattributed = statistics.unattributed
        excluded = statistics.excluded
        unreadableCosts = statistics.unreadableCosts
        scopesWithCostField = statistics.scopesWithCostField
        scopesWithoutCostField = statistics.scopesWithoutCostField
        requests = statistics.requests
        units = statistics.units
        rejected = statistics.rejected
        first = statistics.first
        last = statistics.last
        error = statistics.error
        samples = statistics.malformedSamples.map { PartialDocument.Sample(file: $0.file, line: $0.line, text: $0.text, reason: $0.reason) }
        content = statistics.content.name
        skippedBytes = statistics.skippedBytes
        switch statistics.content {
        case .untracked, .new:
            break
        case .appended(let offset, let previous):
            (self.offset, previousName) = (offset, previous)
        case .alreadyCounted(let previous, let at), .changed(let previous, let at):
            (previousName, countedAt) = (previous, at)
        }
    }

    /// The statistics as counted; nil when `content` names no status this version knows.
    var statistics: InputStatistics? {
        var statistics = InputStatistics(path: path)
        statistics.bytes = bytes
        statistics.lines = lines
        statistics.parsed = parsed
        statistics.malformed = malformed
        statistics.ignored = ignored
        statistics.unattributed = unattributed
        statistics.excluded = excluded
        statistics.unreadableCosts = unreadableCosts
        statistics.scopesWithCostField = scopesWithCostField
        statistics.scopesWithoutCostField = scopesWithoutCostField
        statistics.requests = requests
        statistics.units = units
        statistics.rejected = rejected
        statistics.first = first
        statistics.last = last
        statistics.error = error
        statistics.malformedSamples = samples.map { MalformedSample(file: $0.file, line: $0.line, text: $0.text, reason: $0.reason) }
        statistics.skippedBytes = skippedBytes
        switch content {
        case "untracked": statistics.content = .untracked
        case "new": statistics.content = .new
        case "appended": statistics.content = .appended(offset: offset ?? 0, previousName: previousName ?? "")
        case "already_counted": statistics.content = .alreadyCounted(previousName: previousName ?? "", countedAt: countedAt ?? 0)
        case "changed": statistics.content = .changed(previousName: previousName ?? "", countedAt: countedAt ?? 0)
        default: return nil
        }
        return statistics
    }
}

extension PartialDocument.LedgerEntry {
    init(_ record: CountedInput) {
        name = record.name
        headLength = record.headLength
        headDigest = record.headDigest
        lineDigest = record.lineDigest
        length = record.length
        checksum = record.checksum
        lines = record.lines
        first = record.first
        last = record.last
        days = record.days.map(\.number)
        countedAt = record.countedAt
    }

    /// The record as a state store receives it: new (no id, nothing counted before).
    var record: CountedInput {
        CountedInput(
            headLength: headLength, headDigest: headDigest, lineDigest: lineDigest, length: length, checksum: checksum,
            name: name, lines: lines, first: first, last: last, days: days.map(LocalDay.init(number:)), countedAt: countedAt)
    }
}
