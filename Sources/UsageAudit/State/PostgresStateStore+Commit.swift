import PostgresNIO

extension PostgresStateStore {
    /// Writes `update` inside the commit's transaction: the inputs (refusing one another run
    /// moved on), the daily cells, the hourly slots in place of the stored ones, and the run.
    func write(_ update: StateUpdate, on connection: PostgresConnection) throws {
        // Under the runs' lock: a run that committed since this one read its history.
        if let expected = update.readAfterRun, try lastRun(on: connection) != expected {
            throw StateError.overtaken(store: description)
        }
        for input in update.inputsInWritingOrder {
            try write(input, on: connection)
        }
        for batch in PostgresUsageColumns.batches(of: Self.lastOfEachKey(update.cells.all), size: Self.batchSize, { columns, cell in
            columns.append(user: cell.user, scope: cell.scope, key: Int64(cell.day.number), counts: cell.counts)
        }) {
            try run(PostgresQuery(unsafeSQL: StateSchema.upsertCellArrays, binds: batch.bindings), on: connection)
        }
        try run("DELETE FROM audit_hourly_usage", on: connection)
        for batch in PostgresUsageColumns.batches(of: update.slots.all, size: Self.batchSize, { columns, slot in
            columns.append(user: slot.user, scope: slot.scope, key: slot.start, counts: slot.counts)
        }) {
            try run(PostgresQuery(unsafeSQL: StateSchema.insertSlotArrays, binds: batch.bindings), on: connection)
        }
        let record = update.run
        try run("""
            INSERT INTO audit_runs (started_at, as_of, inputs, lines, version)
            VALUES (\(record.startedAt), \(record.asOf), \(Int64(record.inputs)), \(record.lines), \(PostgresUsageColumns.storable(record.version)))
            """, on: connection)
    }

    /// The id of the last run recorded, 0 when none.
    func lastRun(on connection: PostgresConnection) throws -> Int64 {
        let rows = try run("SELECT COALESCE(MAX(id), 0)::BIGINT FROM audit_runs", on: connection)
        return try rows.first?.decode(Int64.self) ?? 0
    }

    /// Inserts a new input or moves a stored one on; throws `.concurrentRun` when another
    /// run counted it meanwhile (the stored length is no longer `countedBefore`, or a new
    /// input's head is already stored).
    private func write(_ input: CountedInput, on connection: PostgresConnection) throws {
        let name = PostgresUsageColumns.storable(input.name)
        let headLength = Int64(input.headLength)
        let checksum = Int64(input.checksum)
        if let id = input.id {
            let moved = try run("""
                UPDATE audit_inputs SET head_length = \(headLength), head_digest = \(input.headDigest), length = \(input.length),
                checksum = \(checksum), name = \(name), lines = \(input.lines), first_time = \(input.first), last_time = \(input.last),
                days = \(input.daysText), counted_at = \(input.countedAt), line_digest = \(input.lineDigest)
                WHERE id = \(id) AND length = \(input.countedBefore) RETURNING id
                """, on: connection)
            guard moved.count == 1 else {
                throw StateError.concurrentRun(store: description, input: input.name)
            }
        } else {
            do {
                try run("""
                    INSERT INTO audit_inputs (head_length, head_digest, length, checksum, name, lines, first_time, last_time, days, counted_at, line_digest)
                    VALUES (\(headLength), \(input.headDigest), \(input.length), \(checksum), \(name), \(input.lines), \(input.first),
                    \(input.last), \(input.daysText), \(input.countedAt), \(input.lineDigest))
                    """, on: connection)
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
                throw StateError.concurrentRun(store: description, input: input.name)
            }
        }
    }

    /// `cells` with each (user, scope, day) once, with its last counts, in their order: one
    /// statement cannot upsert a row twice, and SQLite's row-by-row upsert keeps the last.
    static func lastOfEachKey(_ cells: [StoredCell]) -> [StoredCell] {
        struct Key: Hashable {
            let user: String
            let scope: String
            let day: LocalDay
        }
        var last: [Key: Int] = [:]
        last.reserveCapacity(cells.count)
        for (index, cell) in cells.enumerated() {
            last[Key(user: PostgresUsageColumns.storable(cell.user), scope: PostgresUsageColumns.storable(cell.scope), day: cell.day)] = index
        }
        guard last.count < cells.count else { return cells }
        let kept = Set(last.values)
        return cells.indices.filter { kept.contains($0) }.map { cells[$0] }
    }
}
