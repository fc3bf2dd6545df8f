import Testing
@testable import UsageAudit

@Suite("StoredHistory")
struct StoredHistoryTests {
    private func cell(_ user: String, _ scope: String, _ day: Int32, _ units: Int64) -> StoredCell {
        StoredCell(
            user: user, scope: scope, day: LocalDay(number: day),
            counts: UsageCounts(requests: units, units: units, rejected: 0, firstSeen: Int64(day) * 86_400, lastSeen: Int64(day) * 86_400))
    }

    @Test("cells read back as given, users and scopes interleaved in any order")
    func roundTrip() {
        // Grouped by user as a store returns them, then a user seen before comes back (an
        // unordered store): the remembered last user must not swallow the next one's rows.
        let cells = [
            cell("ann", "geocoding", 20_000, 1), cell("ann", "routing", 20_000, 2), cell("ann", "geocoding", 20_001, 3),
            cell("annie", "geocoding", 20_000, 4), cell("bob", "routing", 20_001, 5), cell("ann", "places", 20_002, 6),
            cell("", "geocoding", 20_000, 7),
        ]
        let history = StoredHistory(cells: cells)
        #expect(history.cellCount == cells.count)
        #expect(Set(history.cells) == Set(cells))
        #expect(history.scopeNames == ["geocoding", "routing", "places"])
        #expect(history.usage.users.count == 4)
        #expect(history.usage.cellCount == cells.count)
    }

    @Test("a cell given twice adds up")
    func duplicates() {
        let history = StoredHistory(cells: [cell("ann", "geocoding", 20_000, 1), cell("bob", "geocoding", 20_000, 5), cell("ann", "geocoding", 20_000, 2)])
        #expect(history.cells.count == 2)
        #expect(history.cells.first { $0.user == "ann" }?.counts.units == 3)
    }

    @Test("names are told apart by their bytes: a precomposed and a decomposed accent are two users")
    func bytes() {
        let history = StoredHistory(cells: [cell("Jos\u{E9}", "geocoding", 20_000, 1), cell("Jose\u{301}", "geocoding", 20_000, 2)])
        #expect(history.cellCount == 2 && history.usage.users.count == 2)
    }

    @Test("taking the usage renumbers the scopes, leaves out those that map to nothing, and leaves no cell behind")
    func take() {
        var history = StoredHistory()
        // As a store gives them: each user, scope and day once.
        for cell in [cell("ann", "geocoding", 20_000, 1), cell("ann", "routing", 20_000, 2), cell("bob", "places", 20_001, 3), cell("bob", "geocoding", 20_001, 4)] {
            var (user, scope) = (cell.user, cell.scope)
            user.withUTF8 { userBytes in
                scope.withUTF8 { history.append(user: userBytes, scope: $0, day: cell.day, counts: cell.counts) }
            }
        }
        #expect(history.scopeNames == ["geocoding", "routing", "places"])
        // geocoding → 1, routing dropped, places → 0.
        let usage = history.takeUsage(renumberingScopes: [1, nil, 0])
        var units: [String: Int64] = [:]
        usage.forEachCell { key, counts in units["\(usage.userName(key.user)) \(key.scope) \(key.day.number)"] = counts.units }
        #expect(units == ["ann 1 20000": 1, "bob 0 20001": 3, "bob 1 20001": 4])
        // The index was built: lookups find the renumbered cells, not the old ones.
        let bob = usage.users.lookup("bob")!
        #expect(usage.counts(for: UsageKey(user: bob, scope: 1, day: LocalDay(number: 20_001)))?.units == 4)
        #expect(usage.counts(for: UsageKey(user: bob, scope: 2, day: LocalDay(number: 20_001))) == nil)
        #expect(history.cellCount == 0 && history.cells.isEmpty)
    }

    @Test("two stored scopes that map to one (a precomposed and a decomposed accent) add up in the aggregate")
    func scopesMapToOne() {
        var history = StoredHistory()
        for cell in [cell("ann", "caf\u{E9}", 20_000, 1), cell("ann", "cafe\u{301}", 20_000, 2), cell("bob", "caf\u{E9}", 20_000, 4)] {
            var (user, scope) = (cell.user, cell.scope)
            user.withUTF8 { userBytes in
                scope.withUTF8 { history.append(user: userBytes, scope: $0, day: cell.day, counts: cell.counts) }
            }
        }
        #expect(history.scopeNames.count == 2)
        let usage = history.takeUsage(renumberingScopes: [0, 0])
        #expect(usage.cellCount == 2)
        let ann = usage.users.lookup("ann")!
        #expect(usage.counts(for: UsageKey(user: ann, scope: 0, day: LocalDay(number: 20_000)))?.units == 3)
    }
}
