import Foundation

/// The rows of a `usage.csv`, keyed by (user, scope, period, period_start), with the user
/// names un-neutralised, so that they can be compared with an expectation row by row.
struct ReportedUsage {
    struct Key: Hashable, Comparable, CustomStringConvertible {
        var user: String
        var scope: String
        var period: String
        var periodStart: String

        static func < (left: Key, right: Key) -> Bool {
            (left.user, left.scope, left.period, left.periodStart) < (right.user, right.scope, right.period, right.periodStart)
        }

        var description: String { "\(user),\(scope),\(period),\(periodStart)" }
    }

    /// The other cells of a row, as written (empty string for an empty cell).
    struct Values: Equatable, CustomStringConvertible {
        var periodEnd: String
        var requests: String
        var units: String
        var rejected: String
        var limit: String
        var remaining: String

        var description: String { "end=\(periodEnd) requests=\(requests) units=\(units) rejected=\(rejected) limit=\(limit) remaining=\(remaining)" }
    }

    static let columns = ["user", "scope", "period", "period_start", "period_end", "requests", "units", "rejected", "limit", "remaining"]

    var rows: [Key: Values]
    /// The user cells exactly as written (before un-neutralising), in file order.
    var rawUsers: [String]

    /// Reads `usage.csv`; throws when its columns are not those of DESIGN §6 or a key repeats.
    init(csv text: String) throws {
        let table = try CSVText(text)
        guard Array(table.header.prefix(Self.columns.count)) == Self.columns else {
            throw EndToEndFailure("usage.csv columns are \(table.header), expected \(Self.columns) first")
        }
        rows = [:]
        rawUsers = []
        for row in table.rows {
            rawUsers.append(row[0])
            let key = Key(user: CSVText.unneutralised(row[0]), scope: row[1], period: row[2], periodStart: row[3])
            let values = Values(periodEnd: row[4], requests: row[5], units: row[6], rejected: row[7], limit: row[8], remaining: row[9])
            guard rows.updateValue(values, forKey: key) == nil else { throw EndToEndFailure("usage.csv has the row \(key) twice") }
        }
    }

    /// Every difference between `expected` and these rows, one line each (empty when equal).
    func differences(from expected: [Key: Values], limit: Int = 40) -> [String] {
        var problems: [String] = []
        for key in Set(expected.keys).union(rows.keys).sorted() {
            switch (expected[key], rows[key]) {
            case let (want?, got?) where want != got:
                problems.append("\(key): expected \(want), got \(got)")
            case let (want?, nil):
                problems.append("\(key): missing (expected \(want))")
            case let (nil, got?):
                problems.append("\(key): unexpected row \(got)")
            default:
                break
            }
        }
        if problems.count > limit {
            return Array(problems.prefix(limit)) + ["… and \(problems.count - limit) more differences"]
        }
        return problems
    }
}
