extension DetectionScan {
    /// `near_limit` / `limit_reached` for every bucket in the window of every period with
    /// a positive limit for the user, in every series (`all` included).
    /// A monthly quota that the user's profile frames otherwise (`month@14` beside `month`)
    /// is judged in the profile's cycles that hold a judged day of the quota's bucket, each
    /// once.
    mutating func checkLimits(user: Int, name: inout String?) {
        for slot in 0..<slotCount {
            var reframed: [DayRange] = []
            for entry in plan.limitBuckets[slot] {
                let counts = table.counts(
                    user: user, slot: slot, from: Int(entry.bucket.start.number), to: Int(entry.bucket.end.number))
                guard counts.hasUse else { continue }
                let userName = self.name(user, &name)
                let scope = plan.slotNames[slot]
                if limits.reframes, let framing = limits.framing(user: userName, scope: scope, period: entry.period) {
                    // A quota of the cycle (or window) itself is judged as it is.
                    if plan.limitBuckets[slot].contains(where: { $0.period.hasSameBuckets(as: framing) }) { continue }
                    for day in plan.judgedDays where entry.bucket.contains(DetectionPlan.localDay(day)) {
                        let cycle = framing.bucket(containing: DetectionPlan.localDay(day))
                        guard !reframed.contains(cycle) else { continue }
                        reframed.append(cycle)
                        checkLimit(user: user, name: userName, slot: slot, period: framing, bucket: cycle)
                    }
                    continue
                }
                checkLimit(user: user, name: userName, slot: slot, period: entry.period, bucket: entry.bucket, counts: counts)
            }
        }
    }

    /// `near_limit` / `limit_reached` of one bucket, when its use comes near the limit.
    private mutating func checkLimit(
        user: Int, name userName: String, slot: Int, period: Period, bucket: DayRange, counts known: DayCounts? = nil
    ) {
        let counts = known ?? table.counts(user: user, slot: slot, from: Int(bucket.start.number), to: Int(bucket.end.number))
        guard counts.hasUse else { return }
        let limit = limits.limit(user: userName, scope: plan.slotNames[slot], period: period)
        guard let verdict = limitTest.judge(counts, limit: limit), case .units(let units) = limit.value else { return }
        let baseline = period == .day ? baseline(slot: slot, day: Int(bucket.start.number)) : nil
        let detail = LimitTest.detail(
            verdict: verdict, counts: counts, units: units, hard: limit.hard, period: period, baseline: baseline)
        append(Anomaly(
            user: userName, scope: plan.slotNames[slot], period: period, bucket: bucket,
            kind: verdict == .reached ? .limitReached : .nearLimit, observed: counts.units,
            baseline: baseline?.level, limit: units, score: nil, detail: detail))
    }

    /// `burst` on the judged days the hourly usage covers: the busiest local hour of each
    /// series with enough units that day.
    mutating func checkBursts(user: Int, name: inout String?) {
        let allSlot = table.allSlot
        for span in plan.hourSpans {
            let day = plan.judgedDays[span.judged]
            let total = table.counts(user: user, slot: allSlot, from: day, to: day + 1)
            guard total.units >= BurstTest.minimumUnits else { continue }
            let userName = self.name(user, &name)
            var allHours = Array(repeating: Int64(0), count: span.slotCount)
            for scope in 0..<table.scopeCount {
                let counts = table.counts(user: user, slot: scope, from: day, to: day + 1)
                guard counts.units > 0 else { continue }
                let hours = hourly.unitsPerSlot(user: userName, scopes: [scope], from: span.firstSlot, count: span.slotCount)
                for index in hours.indices { allHours[index] = UsageCounts.adding(allHours[index], hours[index]) }
                if judgesDays[scope] {
                    reportBurst(user: userName, slot: scope, day: day, counts: counts, hours: hours, span: span)
                }
            }
            reportBurst(user: userName, slot: allSlot, day: day, counts: total, hours: allHours, span: span)
        }
    }

    private mutating func reportBurst(
        user: String, slot: Int, day: Int, counts: DayCounts, hours: [Int64], span: DetectionPlan.HourSpan
    ) {
        guard let verdict = BurstTest.judge(dayUnits: counts.units, hours: hours) else { return }
        let hourStart = span.firstSlot + Int64(verdict.hour) * HourlyUsage.slotSeconds
        let detail = BurstTest.detail(
            verdict: verdict, day: counts, hourStart: hourStart, hours: span.hoursElapsed, cutAt: span.cutAt, calendar: calendar)
        append(Anomaly(
            user: user, scope: plan.slotNames[slot], period: .day, bucket: Self.dayBucket(day), kind: .burst,
            observed: verdict.units, baseline: BurstTest.evenSpread(counts.units, hours: span.hoursElapsed),
            limit: dailyLimit(user: user, slot: slot), score: nil, detail: detail))
    }
}
