import Foundation

/// What DESIGN §3–§6 say `usage-audit` must report for synthetic traffic, computed here
/// from the requests themselves (never from the log text or the tool): the configuration,
/// who made each request, its scope and cost, and the expected `usage.csv` rows and totals.
enum TrafficExpectation {
    struct Quota {
        var scope: String
        var period: ExpectedPeriod
        var limit: Int?
    }

    /// The configured scopes in order; anything else under `/api/` is `other`.
    static let scopes = ["search", "render"]
    static let quotas: [Quota] = [
        Quota(scope: "all", period: .day, limit: 150),
        Quota(scope: "all", period: .week, limit: 600),
        Quota(scope: "all", period: .month, limit: 2000),
        Quota(scope: "search", period: .billingCycle(31), limit: 300),
        Quota(scope: "render", period: .days(30), limit: 400),
        Quota(scope: "other", period: .week, limit: nil),
    ]

    /// The configuration file for a run in `zone`.
    static func configuration(zone: String) -> String {
        var text = """
            timezone = "\(zone)"

            [log]
            format = '\(SyntheticRequest.logFormat)'

            [identity]
            from = ["user", "field:http_x_api_key", "query:api_key"]
            keys = "keys.csv"
            anonymous = "skip"

            [count]
            paths = ["/api/"]
            exclude_status = [429, 499]

            [[scope]]
            name = "search"
            paths = ["/api/search"]
            cost = 1

            [[scope]]
            name = "render"
            regex = '^/api/render/'
            cost = "field:upstream_http_x_units"

            """
        for quota in quotas {
            text += "\n[[quota]]\nscope = \"\(quota.scope)\"\nperiod = \"\(quota.period.name)\"\n"
            if let limit = quota.limit { text += "default = \(limit)\n" }
        }
        return text
    }

    /// `keys.csv`.
    static var keysFile: String {
        "key,user\n" + SyntheticTraffic.keys.map { "\($0.key),\($0.user)\n" }.joined()
    }

    /// Whether the request is metered at all (`count.paths`).
    static func isUnderCountedPaths(_ request: SyntheticRequest) -> Bool {
        request.path.hasPrefix("/api/")
    }

    /// The user DESIGN's attribution rules give: the basic-auth user, else the header key,
    /// else the query key (keys mapped through keys.csv, unknown ones masked); nil when
    /// the request has no identity.
    static func user(of request: SyntheticRequest) -> String? {
        if let user = request.remoteUser, !user.isEmpty, user != "-" { return user }
        for key in [request.headerKey, request.queryKey?.removingPercentEncoding] {
            guard let key, !key.isEmpty, key != "-" else { continue }
            if let mapped = SyntheticTraffic.keys.first(where: { $0.key == key }) { return mapped.user }
            return MaskedKey.label(key)
        }
        return nil
    }

    static func scope(of request: SyntheticRequest) -> String {
        if request.path.hasPrefix("/api/search") { return "search" }
        if request.path.hasPrefix("/api/render/") { return "render" }
        return "other"
    }

    /// Units the request consumes when it counts: the logged count for `render`, else 1.
    static func cost(of request: SyntheticRequest) -> Int {
        scope(of: request) == "render" ? (request.reportedUnits ?? 0) : 1
    }

    /// The expected `usage.csv` rows for `requests` in `clock`'s zone.
    static func usageRows(for requests: [SyntheticRequest], clock: ZoneClock) -> [ReportedUsage.Key: ReportedUsage.Values] {
        struct Counts { var requests = 0, units = 0, rejected = 0, end = CalendarDay(1970, 1, 1) }
        var cells: [ReportedUsage.Key: Counts] = [:]
        for request in requests where isUnderCountedPaths(request) && request.status != 499 {
            guard let user = user(of: request) else { continue }
            let day = clock.day(of: request.time)
            let scope = scope(of: request)
            for reportScope in ["all", scope] {
                let periods = [ExpectedPeriod.day] + quotas.filter { $0.scope == reportScope && $0.period != .day }.map(\.period)
                for period in periods {
                    let bucket = period.bucket(containing: day)
                    let key = ReportedUsage.Key(user: user, scope: reportScope, period: period.name, periodStart: clock.rfc3339(bucket.start))
                    cells[key, default: Counts()].end = bucket.end
                    if request.status == 429 {
                        cells[key, default: Counts()].rejected += 1
                    } else {
                        cells[key, default: Counts()].requests += 1
                        cells[key, default: Counts()].units += cost(of: request)
                    }
                }
            }
        }
        var rows: [ReportedUsage.Key: ReportedUsage.Values] = [:]
        for (key, counts) in cells {
            let limit = quotas.first { $0.scope == key.scope && $0.period.name == key.period }?.limit
            rows[key] = ReportedUsage.Values(
                periodEnd: clock.rfc3339(counts.end), requests: String(counts.requests), units: String(counts.units),
                rejected: String(counts.rejected), limit: limit.map(String.init) ?? "",
                remaining: limit.map { String(max(0, $0 - counts.units)) } ?? "")
        }
        return rows
    }

    /// The counters `summary.json` must show for `requests` (the parsed lines of one or
    /// more inputs) plus `malformed` lines.
    static func totals(for requests: [SyntheticRequest], malformed: Int) -> [String: Int] {
        var totals = ["lines": requests.count + malformed, "parsed": requests.count, "malformed": malformed,
                      "unattributed": 0, "excluded": 0, "requests": 0, "units": 0, "rejected": 0]
        for request in requests {
            if !isUnderCountedPaths(request) || request.status == 499 {
                totals["excluded"]! += 1
            } else if user(of: request) == nil {
                totals["unattributed"]! += 1
            } else if request.status == 429 {
                totals["rejected"]! += 1
            } else {
                totals["requests"]! += 1
                totals["units"]! += cost(of: request)
            }
        }
        return totals
    }
}
