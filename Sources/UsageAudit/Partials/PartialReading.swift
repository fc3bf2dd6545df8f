import Foundation

/// Reads a partial file's lines (`PartialDocument`) into a `UsagePartial`, checking each:
/// a partial that is cut short, names a user, scope or slot that is not there, or holds a
/// count or time that no log has is damaged, and is refused whole rather than read in part.
struct PartialReading {
    let bytes: [UInt8]
    let path: String
    private var position = 0

    /// The seconds a log's timestamp can say (the years 0 to 9999, as the parser reads
    /// them), and their local days in any zone (a day either side of the UTC ones).
    static let seconds = TimeParts.supportedSeconds
    static let days: ClosedRange<Int64> = (seconds.lowerBound / 86_400 - 1)...(seconds.upperBound / 86_400 + 1)
    /// More than any log holds: a count beyond it was edited in.
    static let countBound: Int64 = 1 << 53

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    mutating func partial() throws(PartialError) -> UsagePartial {
        let header = try decode(PartialDocument.self, try line("the first line"), "the first line")
        let scopeCount = header.scopes.count
        guard scopeCount > 0 else { throw damaged("it names no scope") }
        let counts = header.lines
        guard [counts.users, counts.inputs, counts.ledger, counts.days, counts.hours].allSatisfy({ $0 >= 0 }) else {
            throw damaged("its first line counts a negative number of lines")
        }
        var users = ByteInterner()
        for number in 0..<counts.users {
            let range = try line("user \(number)")
            try name(range, number) { users.intern($0) }
            // In the order of their bytes, each once (as written): rows name them by position.
            guard users.count == number + 1,
                  number == 0 || users.withBytes(of: Int32(number - 1), { previous in
                      users.withBytes(of: Int32(number)) { ByteInterner.precedes(previous, $0) }
                  })
            else { throw damaged("user \(number) is listed twice, or out of order") }
        }
        var used = [Bool](repeating: false, count: users.count)
        var inputs: [InputStatistics] = []
        for number in 0..<counts.inputs {
            let input = try decode(PartialDocument.Input.self, try line("input \(number)"), "input \(number)")
            inputs.append(try statistics(of: input, number))
        }
        var ledger: [CountedInput] = []
        for number in 0..<counts.ledger {
            let entry = try decode(PartialDocument.LedgerEntry.self, try line("log \(number)"), "log \(number)")
            ledger.append(try record(of: entry, number))
        }
        if Set(ledger.map { "\($0.headLength):\($0.headDigest)" }).count != ledger.count {
            throw damaged("a log is listed twice")
        }
        var keys: [UsageKey] = []
        var cells: [UsageCounts] = []
        // Not more than the file can hold: the counts are the file's word, not yet checked.
        keys.reserveCapacity(min(counts.days, bytes.count / 16))
        cells.reserveCapacity(min(counts.days, bytes.count / 16))
        for number in 0..<counts.days {
            let (user, scope, day, cell) = try row("day row \(number)", users: users.count, scopes: scopeCount)
            guard Self.days.contains(day) else { throw damaged("day row \(number) has day \(day), which is no day of the years 0 to 9999") }
            let key = UsageKey(user: Int32(user), scope: Int32(scope), day: LocalDay(number: Int32(day)))
            if let last = keys.last, (last.user, last.scope, last.day.number) >= (key.user, key.scope, key.day.number) {
                throw damaged("day row \(number) is out of order, or given twice")
            }
            keys.append(key)
            cells.append(cell)
            used[user] = true
        }
        let hours = header.hourly
        guard hours.phase >= 0, hours.phase < HourlyUsage.slotSeconds, hours.keptSeconds >= HourlyUsage.slotSeconds,
              hours.keptSeconds <= 366 * 86_400,
              [hours.through, hours.knownFrom].allSatisfy({ $0.map(Self.seconds.contains) ?? true })
        else {
            throw damaged("its hourly slots start \(hours.phase) s past the hour and are kept \(hours.keptSeconds) s, or its hours begin or end at no time a log has")
        }
        var hourly = HourlyUsage(keptSeconds: hours.keptSeconds, phase: hours.phase, through: hours.through)
        var hourlyIDs = [Int32](repeating: -1, count: users.count)
        var previous: (Int, Int, Int64)?
        for number in 0..<counts.hours {
            let (user, scope, start, cell) = try row("hour row \(number)", users: users.count, scopes: scopeCount)
            if let previous, previous >= (user, scope, start) { throw damaged("hour row \(number) is out of order, or given twice") }
            previous = (user, scope, start)
            used[user] = true
            // A slot is restored at its last request: that request must lie in the slot.
            guard Self.seconds.contains(start), hourly.isSlotBoundary(start), cell.firstSeen >= start,
                  cell.lastSeen < start + HourlyUsage.slotSeconds
            else { throw damaged("hour row \(number) starts at \(start), which is no slot start, or holds a request outside its hour") }
            if hourlyIDs[user] < 0 { hourlyIDs[user] = users.withBytes(of: Int32(user)) { hourly.intern(user: $0) } }
            // At its last request, which also moves `latest` to the true latest request.
            hourly.add(cell, userID: hourlyIDs[user], scope: scope, time: cell.lastSeen)
        }
        if let known = hours.knownFrom { hourly.noteKnown(from: known) }
        if let unused = used.firstIndex(of: false) { throw damaged("user \(unused) has no day or hour row") }
        while position < bytes.count {
            guard try line("the end").isEmpty else { throw damaged("it goes on after the lines its first line counts") }
        }
        let daily = UsageAggregate(users: users, keys: keys, counts: cells, mayRepeat: false)
        return UsagePartial(
            source: path, timeZoneName: header.timezone, scopeNames: header.scopes, rules: CountingRules(lines: header.rules),
            daily: daily, hourly: hourly, inputs: inputs, ledger: ledger)
    }

    /// The next line, without its line feed (nor a carriage return before it).
    private mutating func line(_ what: String) throws(PartialError) -> Range<Int> {
        guard position < bytes.count else { throw damaged("it ends before \(what): cut short, or its first line counts more lines than it has") }
        let end = bytes[position...].firstIndex(of: 0x0A) ?? bytes.count
        defer { position = end + 1 }
        return position..<(end > position && bytes[end - 1] == 0x0D ? end - 1 : end)
    }

    private func decode<T: Decodable>(_ type: T.Type, _ range: Range<Int>, _ what: String) throws(PartialError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes[range]))
        } catch {
            throw damaged("\(what): \(PartialFile.describe(error))")
        }
    }

    /// A user's name: a JSON string, taken as it is when nothing in it is escaped.
    private func name(_ range: Range<Int>, _ number: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Int32) throws(PartialError) {
        let quote = UInt8(ascii: "\"")
        if range.count >= 2, bytes[range.lowerBound] == quote, bytes[range.upperBound - 1] == quote {
            let inner = (range.lowerBound + 1)..<(range.upperBound - 1)
            if !bytes[inner].contains(where: { $0 == quote || $0 == UInt8(ascii: "\\") || $0 < 0x20 }),
               String(validating: bytes[inner], as: UTF8.self) != nil {
                _ = bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[inner])) }
                return
            }
        }
        var text = try decode(String.self, range, "user \(number)")
        _ = text.withUTF8 { body($0) }
    }

    /// A day or hour row: user, scope, day or start, and the counts.
    private mutating func row(_ what: String, users: Int, scopes: Int) throws(PartialError) -> (Int, Int, Int64, UsageCounts) {
        let range = try line(what)
        var numbers = [Int64]()
        numbers.reserveCapacity(8)
        var index = range.lowerBound
        // JSON's spaces are allowed between the numbers, as another writer may put them.
        func skipSpaces() {
            while index < range.upperBound, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        }
        func expect(_ byte: UInt8) -> Bool {
            skipSpaces()
            guard index < range.upperBound, bytes[index] == byte else { return false }
            index += 1
            skipSpaces()
            return true
        }
        guard expect(UInt8(ascii: "[")) else { throw damaged("\(what) is not a list of 8 whole numbers") }
        repeat {
            guard let number = Self.integer(in: bytes, at: &index, end: range.upperBound) else {
                throw damaged("\(what) is not a list of 8 whole numbers")
            }
            numbers.append(number)
        } while expect(UInt8(ascii: ","))
        guard expect(UInt8(ascii: "]")), index == range.upperBound, numbers.count == 8 else {
            throw damaged("\(what) is not a list of 8 whole numbers")
        }
        guard numbers[0] >= 0, numbers[0] < users else { throw damaged("\(what) names user \(numbers[0]) of \(users)") }
        guard numbers[1] >= 0, numbers[1] < scopes else { throw damaged("\(what) names scope \(numbers[1]) of \(scopes)") }
        guard (0...Self.countBound).contains(numbers[3]), numbers[4] >= 0, (0...Self.countBound).contains(numbers[5]),
              Self.seconds.contains(numbers[6]), Self.seconds.contains(numbers[7]), numbers[6] <= numbers[7]
        else { throw damaged("\(what) has counts or times that no log has, or its first request after its last") }
        let counts = UsageCounts(requests: numbers[3], units: numbers[4], rejected: numbers[5], firstSeen: numbers[6], lastSeen: numbers[7])
        return (Int(numbers[0]), Int(numbers[1]), numbers[2], counts)
    }

    /// A decimal integer at `index` (an optional minus, then digits), nil when there is none
    /// or it does not fit.
    private static func integer(in bytes: [UInt8], at index: inout Int, end: Int) -> Int64? {
        let negative = index < end && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let start = index
        var magnitude: UInt64 = 0
        while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let (times, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
            guard !overflow, !carry else { return nil }
            magnitude = sum
            index += 1
        }
        guard index > start, index - start == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// The statistics of `input`, checked: every count one a log can have.
    private func statistics(of input: PartialDocument.Input, _ number: Int) throws(PartialError) -> InputStatistics {
        let counts = [
            input.bytes, input.lines, input.parsed, input.malformed, input.ignored, input.unattributed, input.excluded,
            input.unreadableCosts, input.requests, input.rejected, input.skippedBytes, input.offset ?? 0,
        ]
        // Units may be anything from 0 up (a log field can claim Int64.max of them).
        guard counts.allSatisfy({ (0...Self.countBound).contains($0) }), input.units >= 0,
              [input.first, input.last, input.countedAt].allSatisfy({ $0.map(Self.seconds.contains) ?? true })
        else { throw damaged("input \(number) has a count or time that no log has") }
        guard let statistics = input.statistics else {
            throw damaged("input \(number) has content \"\(input.content)\", which this version does not know")
        }
        return statistics
    }

    /// The record of `entry`, checked.
    private func record(of entry: PartialDocument.LedgerEntry, _ number: Int) throws(PartialError) -> CountedInput {
        guard (0...ContentDigest.headCapacity).contains(entry.headLength), (0...Self.countBound).contains(entry.length),
              (0...Self.countBound).contains(entry.lines), entry.days.allSatisfy({ Self.days.contains(Int64($0)) }),
              [entry.first, entry.last, entry.countedAt].allSatisfy({ $0.map(Self.seconds.contains) ?? true })
        else { throw damaged("log \(number) has a length, line count, day or time that no log has") }
        return entry.record
    }

    private func damaged(_ reason: String) -> PartialError {
        .unreadable(path: path, reason: reason)
    }
}
