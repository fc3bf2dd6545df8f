import Foundation

/// Writes a partial as JSON Lines (`PartialDocument` describes the lines), streaming: the
/// cells go out as rows of numbers, with no value built per cell. Every list is sorted (users
/// by the bytes of their names, rows by user, scope and day or start, inputs by path, logs
/// by content), so that the file of a merge does not depend on the order of the merge.
struct PartialWriter {
    let partial: UsagePartial

    func write(into output: inout ReportOutput) throws(PartialError) {
        let users = PartialUserList(daily: partial.daily.users, hourly: partial.hourly.users)
        let days = dailyRows(users: users)
        let hours = hourlyRows(users: users)
        let inputs = partial.inputs.map(PartialDocument.Input.init).sorted(by: Self.precedes)
        let ledger = partial.ledger.map(PartialDocument.LedgerEntry.init).sorted {
            ($0.headDigest, $0.headLength, $0.length, $0.name) < ($1.headDigest, $1.headLength, $1.length, $1.name)
        }
        let hourly = partial.hourly
        let header = PartialDocument(
            format: PartialDocument.formatVersion, version: UsageAuditVersion.current, timezone: partial.timeZoneName,
            scopes: partial.scopeNames, rules: partial.rules.lines,
            // Where its hours are complete: a run with an earlier audit moment must not read
            // the hours before as zeros.
            hourly: PartialDocument.Hours(
                phase: hourly.phase, keptSeconds: hourly.keptSeconds, through: hourly.through,
                knownFrom: hourly.coverage?.lowerBound ?? hourly.knownFrom),
            lines: PartialDocument.Lines(
                users: users.names.count, inputs: inputs.count, ledger: ledger.count, days: days.count / 8, hours: hours.count / 8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            append(try encoder.encode(header), to: &output)
            for name in users.names {
                // Valid UTF-8 (the list repairs names that are not), escaped as the reports' JSON is.
                JSONValue.writeString(String(decoding: name, as: UTF8.self), to: &output)
                output.append(UInt8(ascii: "\n"))
            }
            for input in inputs { append(try encoder.encode(input), to: &output) }
            for entry in ledger { append(try encoder.encode(entry), to: &output) }
        } catch {
            throw .unavailable(path: partial.source, reason: "cannot encode it: \(error)")
        }
        for rows in [days, hours] {
            var index = 0
            while index < rows.count {
                output.append(UInt8(ascii: "["))
                for column in 0..<8 {
                    if column > 0 { output.append(UInt8(ascii: ",")) }
                    output.append(rows[index + column])
                }
                output.append("]\n" as StaticString)
                index += 8
            }
        }
    }

    /// The daily cells as rows of 8 numbers, flat: user, scope, day, requests, units,
    /// rejected, first and last seen; sorted, cells of two users whose names were repaired
    /// alike added up.
    private func dailyRows(users: PartialUserList) -> [Int64] {
        let daily = partial.daily
        let keys = daily.cellKeys
        let counts = daily.cellCounts
        let order = keys.indices.sorted { (users.daily[Int(keys[$0].user)], keys[$0].scope, keys[$0].day.number) < (users.daily[Int(keys[$1].user)], keys[$1].scope, keys[$1].day.number) }
        return Self.rows(order.map { (Int64(users.daily[Int(keys[$0].user)]), Int64(keys[$0].scope), Int64(keys[$0].day.number), counts[$0]) })
    }

    /// The complete hourly slots (inside `coverage`) as rows: user, scope, start, counts.
    private func hourlyRows(users: PartialUserList) -> [Int64] {
        let hourly = partial.hourly
        guard let coverage = hourly.coverage else { return [] }
        let keys = hourly.slots.keys
        let counts = hourly.slots.counts
        var cells: [(Int64, Int64, Int64, UsageCounts)] = []
        for index in keys.indices {
            let start = keys[index].slot * HourlyUsage.slotSeconds + hourly.phase
            guard coverage.contains(start) else { continue }
            cells.append((Int64(users.hourly[Int(keys[index].user)]), Int64(keys[index].scope), start, counts[index]))
        }
        cells.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        return Self.rows(cells)
    }

    /// Sorted cells as flat rows, equal keys added up.
    private static func rows(_ cells: [(Int64, Int64, Int64, UsageCounts)]) -> [Int64] {
        var rows: [Int64] = []
        rows.reserveCapacity(cells.count * 8)
        var index = 0
        while index < cells.count {
            let (user, scope, position, first) = cells[index]
            var total = first
            index += 1
            while index < cells.count, cells[index].0 == user, cells[index].1 == scope, cells[index].2 == position {
                total.merge(cells[index].3)
                index += 1
            }
            rows += [user, scope, position, total.requests, total.units, total.rejected, total.firstSeen, total.lastSeen]
        }
        return rows
    }

    /// `data` as one line.
    private func append(_ data: Data, to output: inout ReportOutput) {
        data.withUnsafeBytes { output.append(contentsOf: $0.bindMemory(to: UInt8.self)) }
        output.append(UInt8(ascii: "\n"))
    }

    /// Inputs by path, then by everything read (two logs of one path in different shards).
    private static func precedes(_ a: PartialDocument.Input, _ b: PartialDocument.Input) -> Bool {
        if a.path != b.path { return a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return ((try? encoder.encode(a)) ?? Data()).lexicographicallyPrecedes((try? encoder.encode(b)) ?? Data())
    }
}
