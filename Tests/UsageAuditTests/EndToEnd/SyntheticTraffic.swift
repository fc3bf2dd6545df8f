import Foundation

/// Seeded synthetic API traffic around the days where calendar arithmetic goes wrong:
/// daylight saving changes in Europe/Berlin and America/New_York, month ends, a February
/// that clamps `month@31`, requests at and around local midnight in both zones.
///
/// Who sends what: `alice` and `bob` by basic auth (bob's client also sends carol's key:
/// the user field wins), `carol` and `dave` by `X-Api-Key` header, `dave` and `erin` by
/// `?api_key=` (erin's client sometimes also sends carol's header key: the header wins),
/// two keys that keys.csv does not know (one by header, one percent-encoded in the query),
/// anonymous calls (no identity, or an empty `api_key=`). `midnight` sends six hand-placed
/// requests whose buckets the tests also check by hand.
struct SyntheticTraffic {
    /// `keys.csv`: key → user.
    static let keys: [(key: String, user: String)] = [
        ("c4a7f01e9b2d4c6e8f10a3b5c7d9e1f2", "carol"),
        ("d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f", "dave"),
        ("dd11ee22ff33aa44bb55cc66dd77ee88", "dave"),
        ("e7e7e7e7aaaabbbbccccddddeeeeffff", "erin"),
    ]
    static let carolKey = keys[0].key
    /// A header key keys.csv does not know: reported as `key:zq81Xc…#` and its fingerprint.
    static let unknownHeaderKey = "zq81Xc0d9e8f7a6b5c4d3e2f1a0b9c8d"
    /// A query key keys.csv does not know, as the client meant it and as it is sent.
    static let unknownQueryKey = "Q+7/xYz9kLmN0pQrS/tU=="
    static let unknownQueryKeyEncoded = "Q%2B7%2FxYz9kLmN0pQrS%2FtU%3D%3D"

    /// Days that get traffic (the first and last day of each DST change, month ends).
    static let focusDays: [CalendarDay] = [
        CalendarDay(2026, 2, 27), CalendarDay(2026, 2, 28), CalendarDay(2026, 3, 1),
        CalendarDay(2026, 3, 7), CalendarDay(2026, 3, 8), CalendarDay(2026, 3, 9),
        CalendarDay(2026, 3, 28), CalendarDay(2026, 3, 29), CalendarDay(2026, 3, 30),
        CalendarDay(2026, 3, 31), CalendarDay(2026, 4, 1), CalendarDay(2026, 4, 29), CalendarDay(2026, 4, 30),
        CalendarDay(2026, 10, 24), CalendarDay(2026, 10, 25), CalendarDay(2026, 10, 26),
        CalendarDay(2026, 10, 31), CalendarDay(2026, 11, 1), CalendarDay(2026, 11, 2),
    ]
    /// Offsets servers write times with: UTC, CET/CEST, India, US Pacific/Eastern, Adelaide, Newfoundland.
    static let offsets = [0, 3600, 7200, 19_800, -28_800, -18_000, -14_400, 34_200, -12_600]
    static let zones = ["Europe/Berlin", "America/New_York"]

    var requests: [SyntheticRequest] = []
    private var random: SeededRandom

    init(seed: UInt64, requestsPerDay: Int = 70) {
        random = SeededRandom(seed: seed)
        for day in Self.focusDays {
            let utcMidnight = Int64(day.number) * 86_400
            for _ in 0..<requestsPerDay {
                let time = utcMidnight + Int64.random(in: -6 * 3600..<30 * 3600, using: &random)
                requests.append(makeRequest(at: time, offset: random.pick(Self.offsets)))
            }
            for zone in Self.zones.map(ZoneClock.init) {
                let midnight = zone.midnight(of: day)
                for time in [midnight - 1, midnight, midnight, midnight + 1] {
                    let offset = random.chance(0.5) ? zone.offset(at: time) : random.pick(Self.offsets)
                    requests.append(makeRequest(at: time, offset: offset))
                }
            }
        }
        // The instants around each change, written with the zone's own offset then.
        for (zone, instants) in [
            ("Europe/Berlin", ["2026-03-29T00:59:59Z", "2026-03-29T01:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z"]),
            ("America/New_York", ["2026-03-08T06:59:59Z", "2026-03-08T07:00:00Z", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z"]),
        ] {
            let clock = ZoneClock(zone)
            for instant in instants {
                let time = Self.epoch(instant)
                requests.append(makeRequest(at: time, offset: clock.offset(at: time)))
            }
        }
        requests += Self.midnightRequests
    }

    /// `midnight`'s requests (search, 200, basic auth), placed on the edges of DST days.
    static let midnightRequests: [SyntheticRequest] = [
        ("2026-03-28T22:59:59Z", 3600),    // Berlin 23:59:59 on the 28th
        ("2026-03-28T23:00:00Z", -28_800), // Berlin 00:00:00 on the 29th (23 h long)
        ("2026-03-29T22:30:00Z", 19_800),  // Berlin 00:30 on the 30th (+02:00)
        ("2026-10-25T22:30:00Z", 0),       // Berlin 23:30 on the 25th (25 h long)
        ("2026-11-02T04:30:00Z", 0),       // New York 23:30 on Nov 1 (25 h long)
        ("2026-03-09T04:30:00Z", -28_800), // New York 00:30 on Mar 9 (Mar 8 was 23 h long)
    ].map { instant, offset in
        SyntheticRequest(
            time: epoch(instant), offset: offset, address: "192.0.2.200", remoteUser: "midnight",
            path: "/api/search", query: "q=clock", status: 200, reportedUnits: nil)
    }

    /// Seconds since 1970 of an RFC 3339 UTC time (`2026-03-29T01:00:00Z`).
    static func epoch(_ text: String) -> Int64 {
        let numbers = text.split(whereSeparator: { !$0.isNumber }).map { Int($0)! }
        let day = CalendarDay(numbers[0], numbers[1], numbers[2])
        return Int64(day.number) * 86_400 + Int64(numbers[3] * 3600 + numbers[4] * 60 + numbers[5])
    }

    private mutating func makeRequest(at time: Int64, offset: Int) -> SyntheticRequest {
        var request = SyntheticRequest(
            time: time, offset: offset, address: "198.51.100.\(Int.random(in: 1...254, using: &random))",
            path: "/api/search", status: 200)
        assignIdentity(&request)
        assignPath(&request)
        assignStatus(&request)
        request.absoluteURL = random.chance(0.05)
        return request
    }

    private mutating func assignIdentity(_ request: inout SyntheticRequest) {
        let keys = Self.keys
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<22: request.remoteUser = "alice"
        case 22..<28: request.remoteUser = "bob"
        case 28..<32: request.remoteUser = "bob"; request.headerKey = Self.carolKey
        case 32..<42: request.headerKey = Self.carolKey
        case 42..<50: request.headerKey = keys[1].key
        case 50..<55: request.queryKey = keys[2].key
        case 55..<65: request.queryKey = keys[3].key
        case 65..<69: request.queryKey = keys[3].key; request.headerKey = Self.carolKey
        case 69..<76: request.headerKey = Self.unknownHeaderKey
        case 76..<82: request.queryKey = Self.unknownQueryKeyEncoded
        case 82..<90: request.address = "203.0.113.9" // anonymous
        case 90..<93: request.queryKey = ""           // `?api_key=` with nothing in it
        default: request.remoteUser = "alice"; request.userAgent = "Mozilla/5.0 (X11; Linux x86_64)"
        }
    }

    private mutating func assignPath(_ request: inout SyntheticRequest) {
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<45: request.path = "/api/search"; request.query = "q=\(random.pick(["berlin", "new+york", "k%C3%B6ln"]))"
        case 45..<75: request.path = "/api/render/tile/\(Int.random(in: 1...18, using: &random))/\(Int.random(in: 0...999, using: &random)).png"
        case 75..<80: request.path = "/api/v9/misc"
        case 80..<85: request.path = "/api/status"
        case 85..<89: request.path = "/health"
        case 89..<93: request.path = "/static/app.js"
        case 93..<97: request.path = "/apidocs/index.html" // not under /api/
        default: request.path = "/"
        }
    }

    private mutating func assignStatus(_ request: inout SyntheticRequest) {
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<75: request.status = 200
        case 75..<78: request.status = 304
        case 78..<82: request.status = 404
        case 82..<84: request.status = 500
        case 84..<94: request.status = 429
        default: request.status = 499
        }
        if request.address == "203.0.113.9" || request.queryKey == "" { request.status = 401 }
        let isRender = request.path.hasPrefix("/api/render")
        if request.status == 429 || request.status == 499 {
            request.reportedUnits = nil
        } else if isRender {
            request.reportedUnits = request.status == 500 ? 0 : Int.random(in: 1...40, using: &random)
        } else {
            // A unit count on a constant-cost scope is ignored.
            request.reportedUnits = random.chance(0.3) ? Int.random(in: 2...9, using: &random) : nil
        }
    }
}
