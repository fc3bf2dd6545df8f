/// One detection run over all users: reads each user's series from the table once per run
/// of judged days, judges every (series, day), and collects the findings; new users are
/// judged at the end, when the cohort of established users is known.
///
/// Holds its scratch buffers so that judging 100,000 users allocates little more than the
/// findings.
struct DetectionScan {
    /// A new user's heavy-looking day, judged once the cohort is complete.
    struct Candidate {
        var user: Int
        var slot: Int
        var judged: Int
        var observed: Int64
        var historyDays: Int
    }

    let configuration: AuditConfiguration
    let limits: LimitResolver
    let calendar: ZonedCalendar
    let plan: DetectionPlan
    let table: DailyUnitsTable
    let usage: UsageAggregate
    let hourly: HourlyUsage
    let limitTest: LimitTest
    /// Per slot: whether daily findings (spike, new user, burst) are judged on it.
    let judgesDays: [Bool]
    let slotCount: Int

    private(set) var findings: [Anomaly] = []
    private var candidates: [Candidate] = []
    /// The median days of established users active in slot `s` on judged day `j`, at
    /// `j × slotCount + s`: the cohort new users are compared with.
    private var cohorts: [[Double]]
    /// The current user's baselines by `j × slotCount + s`, and which are set.
    private var baselines: [DailyBaseline?]
    private var baselinesSet: [Int] = []
    private var units: [Int64] = []
    private var rejected: [Int64] = []

    init(detector: AnomalyDetector, plan: DetectionPlan, table: DailyUnitsTable, usage: UsageAggregate, hourly: HourlyUsage) {
        configuration = detector.configuration
        limits = detector.limits
        calendar = detector.calendar
        self.plan = plan
        self.table = table
        self.usage = usage
        self.hourly = hourly
        limitTest = LimitTest(nearLimit: detector.configuration.analysis.nearLimit)
        slotCount = table.scopeCount + 1
        // Without scope rules every request is `other`, the same series as `all`.
        judgesDays = (0..<slotCount).map { slot in
            slot == table.allSlot || !detector.configuration.scopes.isEmpty
        }
        cohorts = Array(repeating: [], count: plan.judgedDays.count * slotCount)
        baselines = Array(repeating: nil, count: plan.judgedDays.count * slotCount)
    }

    /// Judges every series of `user` on every judged day and bucket.
    mutating func scan(user: Int) {
        var name: String?
        for cluster in plan.clusters {
            scanDays(user: user, cluster: cluster, name: &name)
        }
        checkLimits(user: user, name: &name)
        checkBursts(user: user, name: &name)
        for index in baselinesSet { baselines[index] = nil }
        baselinesSet.removeAll(keepingCapacity: true)
    }

    /// The spike test (and the new-user candidates) for the judged days of `cluster`.
    private mutating func scanDays(user: Int, cluster: Range<Int>, name: inout String?) {
        let window = DailyBaseline.windowDays
        let origin = plan.judgedDays[cluster.lowerBound] - window
        let length = plan.judgedDays[cluster.upperBound - 1] - origin + 1
        table.fill(user: user, from: origin, count: length, units: &units, rejected: &rejected)
        for judged in cluster {
            let day = plan.judgedDays[judged]
            let offset = day - origin
            for slot in 0..<slotCount {
                let position = slot * length + offset
                let observed = units[position]
                guard observed > 0 || rejected[position] > 0,
                      let first = table.firstDay(user: user, slot: slot), Int(first) <= day
                else { continue }
                let firstIndex = Int(first) - (day - window)
                let baseline = units.withUnsafeBufferPointer { buffer in
                    DailyBaseline.make(
                        history: UnsafeBufferPointer(rebasing: buffer[(position - window)..<position]),
                        firstIndex: firstIndex, isoWeekday: DetectionPlan.localDay(day).isoWeekday)
                }
                if let baseline {
                    baselines[judged * slotCount + slot] = baseline
                    baselinesSet.append(judged * slotCount + slot)
                }
                guard observed > 0, judgesDays[slot] else { continue }
                guard let baseline else {
                    // A user active in the data's first days may be long established: the
                    // data cannot tell (every customer would be "new" on a first install; a
                    // stray early line must not make them new again).
                    if Double(observed) >= SpikeTest.minimumExcess,
                       Int(first) >= Int(table.firstDataDay) + DailyBaseline.minimumHistory {
                        candidates.append(Candidate(
                            user: user, slot: slot, judged: judged, observed: observed,
                            historyDays: max(0, day - Int(first))))
                    }
                    continue
                }
                cohorts[judged * slotCount + slot].append(baseline.median)
                if let verdict = SpikeTest.judge(observed: observed, baseline: baseline) {
                    reportSpike(user: user, name: &name, slot: slot, day: day, baseline: baseline, verdict: verdict)
                }
            }
        }
    }

    private mutating func reportSpike(
        user: Int, name: inout String?, slot: Int, day: Int, baseline: DailyBaseline, verdict: SpikeTest.Verdict
    ) {
        let userName = self.name(user, &name)
        let counts = table.counts(user: user, slot: slot, from: day, to: day + 1)
        let limit = dailyLimit(user: userName, slot: slot)
        var detail = AnomalyText.quantity(counts.units, requests: counts.unitsAreRequests)
            + " vs a usual \(AnomalyText.amount(baseline.level)) (\(AnomalyText.source(baseline.source)))"
        if baseline.level >= SpikeTest.minimumMean {
            detail += ": \(AnomalyText.ratio(Double(counts.units) / baseline.level)) baseline"
        }
        detail += AnomalyText.limitShare(counts.units, limit: limit, period: .day)
        findings.append(Anomaly(
            user: userName, scope: plan.slotNames[slot], period: .day, bucket: Self.dayBucket(day), kind: .spike,
            observed: counts.units, baseline: baseline.level, limit: limit, score: verdict.score, detail: detail))
    }

    /// Judges the new users' candidate days against their cohorts and limits.
    mutating func judgeNewUsers() {
        var priors: [Int: NewUserTest.Cohort?] = [:]
        var names: [Int: String] = [:]
        for candidate in candidates {
            let index = candidate.judged * slotCount + candidate.slot
            if priors[index] == nil { priors[index] = .some(NewUserTest.cohort(&cohorts[index])) }
            let cohort = priors[index] ?? nil
            let userName = names[candidate.user] ?? usage.userName(Int32(candidate.user))
            names[candidate.user] = userName
            // Half of a limit of 0 is no measure of heavy use.
            let limit = dailyLimit(user: userName, slot: candidate.slot).flatMap { $0 > 0 ? NewUserTest.Limit(units: $0, period: .day) : nil }
            guard NewUserTest.isHeavy(observed: candidate.observed, cohort: cohort, limit: limit) else { continue }
            let day = plan.judgedDays[candidate.judged]
            let counts = table.counts(user: candidate.user, slot: candidate.slot, from: day, to: day + 1)
            let detail = NewUserTest.detail(
                observed: candidate.observed, requests: counts.unitsAreRequests, historyDays: candidate.historyDays,
                cohort: cohort, limit: limit)
            findings.append(Anomaly(
                user: userName, scope: plan.slotNames[candidate.slot], period: .day, bucket: Self.dayBucket(day),
                kind: .newHeavyUser, observed: candidate.observed, baseline: cohort?.figure, limit: limit?.units,
                score: nil, detail: detail))
        }
        candidates.removeAll()
    }

    /// The user's daily limit in units for the slot's scope, when one is known (0 included:
    /// the `limit` column shows it).
    func dailyLimit(user: String, slot: Int) -> Int64? {
        guard case .units(let units) = limits.limit(user: user, scope: plan.slotNames[slot], period: .day).value,
              units >= 0
        else { return nil }
        return units
    }

    /// The name of `user`, looked up once per user.
    func name(_ user: Int, _ cached: inout String?) -> String {
        if let cached { return cached }
        let name = usage.userName(Int32(user))
        cached = name
        return name
    }

    /// The current user's baseline in `slot` on day `day`, when the day is judged and had one.
    func baseline(slot: Int, day: Int) -> DailyBaseline? {
        plan.judgedIndex(of: day).flatMap { baselines[$0 * slotCount + slot] }
    }

    mutating func append(_ anomaly: Anomaly) {
        findings.append(anomaly)
    }

    /// The bucket of day number `day` as a one-day range.
    static func dayBucket(_ day: Int) -> DayRange {
        DayRange(start: DetectionPlan.localDay(day), end: DetectionPlan.localDay(day + 1))
    }
}
