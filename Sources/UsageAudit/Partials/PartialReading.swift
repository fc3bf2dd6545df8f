/// Builds a `UsagePartial` from its file's document, checking every row: a partial that
/// names a user, scope or slot that is not there is damaged, and is refused whole rather
/// than read in part.
struct PartialReading {
    let document: PartialDocument
    let path: String

    func partial() throws(PartialError) -> UsagePartial {
        let users = document.users
        let scopeCount = document.scopes.count
        guard scopeCount > 0 else { throw damaged("it names no scope") }
        var daily = UsageAggregate()
        for (number, row) in document.days.enumerated() {
            let (user, scope, counts) = try cell(row, "days", number, users: users.count, scopes: scopeCount)
            guard Self.days.contains(row[2]) else { throw damaged("days[\(number)] has day \(row[2]), which is no day of the years 1 to 9999") }
            let day = Int32(row[2])
            daily.add(counts, user: users[user], scope: scope, day: LocalDay(number: day))
        }
        let header = document.hourly
        guard header.phase >= 0, header.phase < HourlyUsage.slotSeconds, header.keptSeconds >= HourlyUsage.slotSeconds else {
            throw damaged("its hourly slots start \(header.phase) s past the hour and are kept \(header.keptSeconds) s")
        }
        var hourly = HourlyUsage(keptSeconds: header.keptSeconds, phase: header.phase, through: header.through)
        for (number, row) in document.hours.enumerated() {
            let (user, scope, counts) = try cell(row, "hours", number, users: users.count, scopes: scopeCount)
            let start = row[2]
            // A slot is restored at its last request: that request must lie in the slot.
            guard hourly.isSlotBoundary(start), counts.lastSeen >= start, counts.lastSeen < start + HourlyUsage.slotSeconds else {
                throw damaged("hours[\(number)] starts at \(start), which is no slot start, or holds a request outside its hour")
            }
            hourly.restore(StoredSlot(user: users[user], scope: document.scopes[scope], start: start, counts: counts), scope: scope)
        }
        if let known = header.knownFrom { hourly.noteKnown(from: known) }
        var inputs: [InputStatistics] = []
        for (number, input) in document.inputs.enumerated() {
            try check(input, number)
            guard let statistics = input.statistics else {
                throw damaged("inputs[\(number)] has content \"\(input.content)\", which this version does not know")
            }
            inputs.append(statistics)
        }
        return UsagePartial(
            source: path, timeZoneName: document.timezone, scopeNames: document.scopes, rules: CountingRules(lines: document.rules), daily: daily, hourly: hourly,
            inputs: inputs, ledger: try ledger())
    }

    /// The seconds of the years 1 to 9999 (what a log's timestamp can say), and their days.
    static let seconds: ClosedRange<Int64> = -62_135_596_800...253_402_300_799
    static let days: ClosedRange<Int64> = -719_162...2_932_896
    /// More than any log holds: a count beyond it was edited in.
    static let countBound: Int64 = 1 << 53

    /// The ledger, each record checked.
    private func ledger() throws(PartialError) -> [CountedInput] {
        var records: [CountedInput] = []
        for (number, entry) in document.ledger.enumerated() {
            guard (0...ContentDigest.headCapacity).contains(entry.headLength), (0...Self.countBound).contains(entry.length),
                  (0...Self.countBound).contains(entry.lines), entry.days.allSatisfy({ Self.days.contains(Int64($0)) }),
                  [entry.first, entry.last].allSatisfy({ $0.map(Self.seconds.contains) ?? true })
            else { throw damaged("ledger[\(number)] has a length, line count, day or time that no log has") }
            records.append(entry.record)
        }
        return records
    }

    /// Throws unless every count of `input` is one a log can have.
    private func check(_ input: PartialDocument.Input, _ number: Int) throws(PartialError) {
        let counts = [
            input.bytes, input.lines, input.parsed, input.malformed, input.ignored, input.unattributed, input.excluded,
            input.unreadableCosts, input.requests, input.rejected, input.skippedBytes, input.offset ?? 0,
        ]
        // Units may be anything from 0 up (a log field can claim Int64.max of them).
        guard counts.allSatisfy({ (0...Self.countBound).contains($0) }), input.units >= 0,
              [input.first, input.last, input.countedAt].allSatisfy({ $0.map(Self.seconds.contains) ?? true })
        else { throw damaged("inputs[\(number)] has a count or time that no log has") }
    }

    /// The user index, scope index and counts of a day or hour row.
    private func cell(
        _ row: [Int64], _ list: String, _ number: Int, users: Int, scopes: Int
    ) throws(PartialError) -> (Int, Int, UsageCounts) {
        guard row.count == 8 else { throw damaged("\(list)[\(number)] has \(row.count) numbers instead of 8") }
        guard row[0] >= 0, row[0] < users else { throw damaged("\(list)[\(number)] names user \(row[0]) of \(users)") }
        guard row[1] >= 0, row[1] < scopes else { throw damaged("\(list)[\(number)] names scope \(row[1]) of \(scopes)") }
        guard (0...Self.countBound).contains(row[3]), row[4] >= 0, (0...Self.countBound).contains(row[5]), Self.seconds.contains(row[6]), Self.seconds.contains(row[7]),
              row[6] <= row[7]
        else {
            throw damaged("\(list)[\(number)] has counts or times that no log has, or its first request after its last")
        }
        return (Int(row[0]), Int(row[1]), UsageCounts(requests: row[3], units: row[4], rejected: row[5], firstSeen: row[6], lastSeen: row[7]))
    }

    private func damaged(_ reason: String) -> PartialError {
        .unreadable(path: path, reason: reason)
    }
}
