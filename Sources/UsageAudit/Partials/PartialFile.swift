import Foundation

/// Reads and writes partials (`UsagePartial`) as files: JSON (`PartialDocument`), written
/// atomically, every list sorted, so that the file of a merge does not depend on the order
/// the partials were merged in.
public enum PartialFile {
    /// Writes `partial` to `path` (a temporary file renamed over it: never half a partial).
    public static func write(_ partial: UsagePartial, to path: String) throws(PartialError) {
        let data: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            data = try encoder.encode(document(of: partial))
        } catch {
            throw .unavailable(path: path, reason: "cannot encode it: \(error)")
        }
        do {
            try AtomicFile.write(data, to: path)
        } catch {
            throw .unavailable(path: path, reason: "\(error)")
        }
    }

    /// Reads the partial at `path`.
    public static func read(path: String) throws(PartialError) -> UsagePartial {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            var isFolder: ObjCBool = false
            let reason = !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) ? "no such file"
                : isFolder.boolValue ? "it is a folder, not a partial" : "cannot read it (\(error.localizedDescription))"
            throw .unavailable(path: path, reason: reason)
        }
        return try partial(of: data, path: path)
    }

    /// The partial `data` holds (the contents of the file at `path`).
    static func partial(of data: Data, path: String) throws(PartialError) -> UsagePartial {
        // The format version first, so that another version is named as such rather than as
        // a document that does not decode.
        if let header = try? JSONDecoder().decode(Header.self, from: data), header.format != PartialDocument.formatVersion {
            throw .unsupportedFormat(path: path, format: header.format, writer: header.version)
        }
        let document: PartialDocument
        do {
            document = try JSONDecoder().decode(PartialDocument.self, from: data)
        } catch {
            throw .unreadable(path: path, reason: describe(error))
        }
        return try PartialReading(document: document, path: path).partial()
    }

    /// The document of `partial`: users sorted by the bytes of their names, cells by user,
    /// scope and day, slots by user, scope and start, inputs by path, logs by content.
    static func document(of partial: UsagePartial) -> PartialDocument {
        let daily = partial.daily
        var names = Set<[UInt8]>()
        for id in 0..<Int32(daily.users.count) { names.insert(Array(daily.userName(id).utf8)) }
        var slots: [StoredSlot] = []
        partial.hourly.forEachStoredSlot(scopeNames: partial.scopeNames) { slots.append($0) }
        for slot in slots { names.insert(Array(slot.user.utf8)) }
        let users = names.sorted { $0.lexicographicallyPrecedes($1) }
        let index = Dictionary(uniqueKeysWithValues: users.enumerated().map { ($1, Int64($0)) })
        // Names of invalid UTF-8 were repaired when counted; two that repair alike add up.
        var cells: [[Int64]: UsageCounts] = [:]
        daily.forEachCell { key, counts in
            let row = [index[Array(daily.userName(key.user).utf8)]!, Int64(key.scope), Int64(key.day.number)]
            cells[row, default: UsageCounts()].merge(counts)
        }
        let scopeIndex = Dictionary(partial.scopeNames.enumerated().map { (Array($1.utf8), Int64($0)) }, uniquingKeysWith: { first, _ in first })
        var hours: [[Int64]: UsageCounts] = [:]
        for slot in slots {
            let row = [index[Array(slot.user.utf8)]!, scopeIndex[Array(slot.scope.utf8)] ?? Int64(partial.scopeNames.count - 1), slot.start]
            hours[row, default: UsageCounts()].merge(slot.counts)
        }
        return PartialDocument(
            format: PartialDocument.formatVersion, version: UsageAuditVersion.current, timezone: partial.timeZoneName,
            scopes: partial.scopeNames, rules: partial.rules.lines, users: users.map { String(decoding: $0, as: UTF8.self) },
            hourly: PartialDocument.Hours(
                phase: partial.hourly.phase, keptSeconds: partial.hourly.keptSeconds, through: partial.hourly.through,
                // Where its hours are complete: a run with an earlier audit moment must not
                // read the hours before as zeros.
                knownFrom: partial.hourly.coverage?.lowerBound ?? partial.hourly.knownFrom),
            days: rows(cells), hours: rows(hours),
            inputs: partial.inputs.map(PartialDocument.Input.init).sorted { precedes($0, $1) },
            ledger: partial.ledger.map(PartialDocument.LedgerEntry.init).sorted {
                ($0.headDigest, $0.headLength, $0.length, $0.name) < ($1.headDigest, $1.headLength, $1.length, $1.name)
            })
    }

    /// Key and counts as one row each, in key order.
    private static func rows(_ cells: [[Int64]: UsageCounts]) -> [[Int64]] {
        cells.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            let counts = cells[key]!
            return key + [counts.requests, counts.units, counts.rejected, counts.firstSeen, counts.lastSeen]
        }
    }

    /// Inputs by path, then by what was read (two logs of one name in different shards).
    private static func precedes(_ a: PartialDocument.Input, _ b: PartialDocument.Input) -> Bool {
        if a.path != b.path { return a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
        let (left, right) = (encodedForOrder(a), encodedForOrder(b))
        return left.lexicographicallyPrecedes(right)
    }

    /// An input's whole record as bytes: inputs of one path are ordered by everything read.
    private static func encodedForOrder(_ input: PartialDocument.Input) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(input)) ?? Data()
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            return "not JSON: \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, let context):
            return "no \"\(key.stringValue)\"\(at(context))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.debugDescription)\(at(context))"
        default:
            return "\(error)"
        }
    }

    private static func at(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "" : " at \(path)"
    }

    /// The part of a partial read before the rest: its format version.
    private struct Header: Decodable {
        var format: Int
        var version: String

        enum CodingKeys: String, CodingKey {
            case format = "usage_audit_partial"
            case version
        }
    }
}
