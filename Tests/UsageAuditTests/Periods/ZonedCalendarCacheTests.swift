import Foundation
import Testing
@testable import UsageAudit

/// The cached answers of `ZonedCalendar` against the cache-free `ReferenceCalendar`.
@Suite struct ZonedCalendarCacheTests {
    static let zones = [
        "UTC", "Europe/Berlin", "America/New_York", "America/Santiago", "America/Havana", "Asia/Beirut",
        "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Apia", "Europe/Moscow",
    ]


    static let first = CivilInstant.utc(2008, 1, 1)
    static let last = CivilInstant.utc(2030, 1, 1)

    @Test(arguments: zones)
    func localDaysAndOffsetsMatchTheReference(zone: String) {
        let reference = ReferenceCalendar(zone)
        let calendar = ZonedCalendar(timeZone: reference.zone)
        var random = SeededRandom(seed: UInt64(zone.utf8.count))
        var instant = Self.first
        for step in 0..<6_000 {
            // Mostly ordered, like a log: small steps, now and then a jump anywhere.
            if step % 50 == 0 {
                instant = Int64.random(in: Self.first...Self.last, using: &random)
            } else {
                instant += Int64.random(in: -600...7_200, using: &random)
            }
            #expect(calendar.localDay(containing: instant).number == reference.localDay(containing: instant), "\(instant)")
            #expect(Int64(calendar.utcOffset(at: instant)) == reference.offset(at: instant), "\(instant)")
        }
    }

    @Test(arguments: zones)
    func everyTransitionSecondMatchesTheReference(zone: String) {
        let reference = ReferenceCalendar(zone)
        let calendar = ZonedCalendar(timeZone: reference.zone)
        var date = Date(timeIntervalSince1970: TimeInterval(Self.first))
        while let transition = reference.zone.nextDaylightSavingTimeTransition(after: date),
            transition.timeIntervalSince1970 < TimeInterval(Self.last)
        {
            let instant = Int64(transition.timeIntervalSince1970)
            for probe in [instant - 86_401, instant - 3601, instant - 1, instant, instant + 1, instant + 3600] {
                #expect(calendar.localDay(containing: probe).number == reference.localDay(containing: probe), "\(probe)")
            }
            let day = reference.localDay(containing: instant)
            for number in day - 1...day + 1 {
                #expect(calendar.startOfDay(LocalDay(number: number)) == reference.startOfDay(number), "\(zone) day \(number)")
            }
            let wall = instant + reference.offset(at: instant - 1)
            for probe in stride(from: wall - 7200, through: wall + 7200, by: 1800) {
                #expect(calendar.epochSeconds(fromLocal: Self.wallClock(probe)) == reference.epochSeconds(fromWallClock: probe),
                        "\(zone) wall \(probe)")
            }
            date = transition
        }
    }

    @Test(arguments: zones)
    func wallClockTimesAndDayStartsMatchTheReference(zone: String) {
        let reference = ReferenceCalendar(zone)
        let calendar = ZonedCalendar(timeZone: reference.zone)
        var random = SeededRandom(seed: 7 &* UInt64(zone.utf8.count))
        var wall = Self.first
        for step in 0..<1_500 {
            if step % 25 == 0 {
                wall = Int64.random(in: Self.first...Self.last, using: &random)
            } else {
                wall += Int64.random(in: -600...7_200, using: &random)
            }
            #expect(calendar.epochSeconds(fromLocal: Self.wallClock(wall)) == reference.epochSeconds(fromWallClock: wall),
                    "\(zone) wall \(wall)")
            let day = Int32((wall - 86_400 * 2000) / 86_400)
            if step % 5 == 0 {
                let number = Int32.random(in: day...day + 4000, using: &random)
                #expect(calendar.startOfDay(LocalDay(number: number)) == reference.startOfDay(number), "\(zone) day \(number)")
            }
            _ = calendar.localDay(containing: wall)
        }
    }

    @Test func memoizedDayStartsStayCorrect() {
        let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let reference = ReferenceCalendar("Europe/Berlin")
        let days = (20_000...20_800).map { Int32($0) }
        for _ in 0..<2 {
            for number in days.shuffled() {
                #expect(calendar.startOfDay(LocalDay(number: number)) == reference.startOfDay(number))
            }
        }
    }

    static func wallClock(_ seconds: Int64) -> CivilDateTime {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = Int(seconds - days * 86_400)
        return CivilDateTime(date: CivilDate(daysSinceEpoch: Int(days)), hour: second / 3600, minute: second / 60 % 60,
                             second: second % 60)
    }
}
