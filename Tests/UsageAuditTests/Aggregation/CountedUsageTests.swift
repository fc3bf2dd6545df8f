import Foundation
import Testing
@testable import UsageAudit

@Suite("CountedUsage")
struct CountedUsageTests {
    /// 2026-11-21T00:00Z.
    private let midnight: Int64 = 1_795_219_200

    private struct Request {
        var user: String
        var scope: Int
        var time: Int64
        var units: Int64
        var consumed: Bool
        var rejected: Bool
    }

    /// Requests mostly in time order with some late ones (earlier days and hours), several
    /// scopes (some past the pending counts' stride), many users and a through-limit.
    private func requests(count: Int, seed: UInt64) -> [Request] {
        var random = SeededRandom(seed: seed)
        var time = midnight - 2 * 86_400
        return (0..<count).map { _ in
            time += Int64(random.next() % 90)
            let late = random.chance(0.05) ? Int64(random.next() % (3 * 86_400)) : 0
            let rejected = random.chance(0.1)
            return Request(
                user: "user-\(random.next() % 300)" + (random.chance(0.1) ? "-with-a-rather-long-name" : ""),
                scope: Int(random.next() % 7), time: time - late, units: Int64(random.next() % 5),
                consumed: !rejected || random.chance(0.5), rejected: rejected)
        }
    }

    /// The same requests straight into the tables, one by one.
    private func direct(_ requests: [Request], calendar: ZonedCalendar, through: Int64?) -> (UsageAggregate, HourlyUsage) {
        var daily = UsageAggregate()
        var hourly = HourlyUsage(through: through)
        for request in requests {
            var name = request.user
            name.withUTF8 { user in
                daily.record(
                    user: user, scope: request.scope, day: calendar.localDay(containing: request.time), time: request.time,
                    units: request.units, consumed: request.consumed, rejected: request.rejected)
                hourly.record(
                    user: user, scope: request.scope, time: request.time, units: request.units,
                    consumed: request.consumed, rejected: request.rejected)
            }
        }
        return (daily, hourly)
    }

    @Test("the pending counts give the tables' exact counts, whatever the order and the stride", arguments: [1, 3, 8])
    func sameAsDirect(scopes: Int) throws {
        let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let through = midnight + 86_400 / 2
        let all = requests(count: 20_000, seed: UInt64(scopes))
        var usage = CountedUsage(hourly: HourlyUsage(through: through), scopes: scopes)
        for (index, request) in all.enumerated() {
            var name = request.user
            name.withUTF8 { user in
                usage.record(
                    user: user, scope: request.scope, day: calendar.localDay(containing: request.time), time: request.time,
                    units: request.units, consumed: request.consumed, rejected: request.rejected)
            }
            // Reading in the middle sees the pending counts too.
            if index == 9_999 {
                let (daily, _) = direct(Array(all[...index]), calendar: calendar, through: through)
                #expect(usage.daily.cellsByName == daily.cellsByName)
            }
        }
        let (daily, hourly) = direct(all, calendar: calendar, through: through)
        #expect(usage.daily.cellsByName == daily.cellsByName)
        let counted = usage.hourly
        #expect(counted.latest == hourly.latest)
        #expect(counted.coverage == hourly.coverage)
        let coverage = try #require(hourly.coverage)
        for user in Set(all.map(\.user)) {
            for scope in 0..<7 {
                var start = coverage.lowerBound
                while start < min(coverage.upperBound, midnight + 86_400) {
                    #expect(counted.slotCounts(user: user, scopes: [scope], containing: start)
                        == hourly.slotCounts(user: user, scopes: [scope], containing: start), "\(user) \(scope) \(start)")
                    start += 3600
                }
            }
        }
        usage.flush()
        #expect(usage.daily.cellsByName == daily.cellsByName)
    }

    @Test("merging two halves gives the counts of the whole, and counting goes on after a merge")
    func mergeHalves() {
        let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "UTC")!)
        let all = requests(count: 6_000, seed: 99)
        func counted(_ part: ArraySlice<Request>, into start: CountedUsage = CountedUsage(scopes: 5)) -> CountedUsage {
            var usage = start
            for request in part {
                var name = request.user
                name.withUTF8 { user in
                    usage.record(
                        user: user, scope: request.scope, day: calendar.localDay(containing: request.time), time: request.time,
                        units: request.units, consumed: request.consumed, rejected: request.rejected)
                }
            }
            return usage
        }
        var merged = counted(all[..<2_500])
        merged.merge(counted(all[2_500...]))
        let whole = counted(all[...])
        #expect(merged.daily.cellsByName == whole.daily.cellsByName)
        #expect(merged.hourly.latest == whole.hourly.latest)
        #expect(merged.hourly.storedSlots(scopeNames: ["a", "b", "c", "d", "e", "f", "g"])
            == whole.hourly.storedSlots(scopeNames: ["a", "b", "c", "d", "e", "f", "g"]))
        // Merged in the middle of the second half, then counting the rest into the merge
        // (pending hours meet the merged table's entries), then finished.
        var midway = counted(all[..<2_500])
        midway.merge(counted(all[2_500..<4_000]))
        var rest = counted(all[4_000...], into: midway)
        rest.finish()
        #expect(rest.daily.cellsByName == whole.daily.cellsByName)
        #expect(rest.hourly.storedSlots(scopeNames: ["a", "b", "c", "d", "e", "f", "g"])
            == whole.hourly.storedSlots(scopeNames: ["a", "b", "c", "d", "e", "f", "g"]))
    }

    @Test("recording a run of requests fetching ahead gives the counts of recording them one by one")
    func runOfRequests() {
        let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let through = midnight + 86_400 / 2
        let all = requests(count: 5_000, seed: 7)
        // Scopes 5 and 6 lie past the stride (straight to the tables); the ids are interned in
        // request order, as attributing does.
        var oneByOne = CountedUsage(hourly: HourlyUsage(through: through), scopes: 5)
        var inRuns = oneByOne
        var run: [AttributedRequest] = []
        // Runs of uneven lengths: shorter and longer than how far recording fetches ahead.
        let far = CountedUsage.prefetchDistance
        let lengths = [1, far / 2, far, far + 1, 2 * far + 3, 200]
        var runs = 0
        for request in all {
            var name = request.user
            let day = calendar.localDay(containing: request.time)
            name.withUTF8 { user in
                oneByOne.record(
                    user: user, scope: request.scope, day: day, time: request.time, units: request.units,
                    consumed: request.consumed, rejected: request.rejected)
                run.append(AttributedRequest(
                    user: inRuns.userID(of: user), scope: Int32(request.scope), day: day, time: request.time,
                    units: request.units, consumed: request.consumed, rejected: request.rejected))
            }
            if run.count == lengths[runs % lengths.count] {
                inRuns.record(run)
                run.removeAll()
                runs += 1
            }
        }
        inRuns.record(run)
        #expect(runs > 50)
        #expect(inRuns.daily.cellsByName == oneByOne.daily.cellsByName)
        let names = ["a", "b", "c", "d", "e", "f", "g"]
        #expect(inRuns.hourly.storedSlots(scopeNames: names) == oneByOne.hourly.storedSlots(scopeNames: names))
        #expect(!inRuns.hourly.storedSlots(scopeNames: names).isEmpty)
    }

    @Test("past 2¹⁹ user × scope pairs the counts go straight to the tables, in runs too, and are the same")
    func pastThePendingPairs() {
        let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "UTC")!)
        // 8 scopes: users from 65,536 on have no pending place.
        let users = 70_000
        var random = SeededRandom(seed: 19)
        var all: [Request] = []
        var time = midnight - 3_600
        for index in 0..<(2 * users) {
            time += Int64(random.next() % 3)
            let user = index < users ? index : Int(random.next() % UInt64(users))
            all.append(Request(user: "u\(user)", scope: Int(random.next() % 8), time: time, units: 1, consumed: true, rejected: false))
        }
        var oneByOne = CountedUsage(scopes: 8)
        var inRuns = CountedUsage(scopes: 8)
        var run: [AttributedRequest] = []
        for request in all {
            var name = request.user
            let day = calendar.localDay(containing: request.time)
            name.withUTF8 { user in
                oneByOne.record(
                    user: user, scope: request.scope, day: day, time: request.time, units: 1, consumed: true, rejected: false)
                run.append(AttributedRequest(
                    user: inRuns.userID(of: user), scope: Int32(request.scope), day: day, time: request.time, units: 1,
                    consumed: true, rejected: false))
            }
            if run.count == 1_000 {
                inRuns.record(run)
                run.removeAll()
            }
        }
        inRuns.record(run)
        let (daily, hourly) = direct(all, calendar: calendar, through: nil)
        #expect(oneByOne.daily.users.count == users)
        #expect(oneByOne.daily.cellsByName == daily.cellsByName)
        #expect(inRuns.daily.cellsByName == daily.cellsByName)
        let names = (0..<8).map { "s\($0)" }
        #expect(oneByOne.hourly.storedSlots(scopeNames: names) == hourly.storedSlots(scopeNames: names))
        #expect(inRuns.hourly.storedSlots(scopeNames: names) == hourly.storedSlots(scopeNames: names))
    }
}
