import Foundation
import Logging
import Testing
@testable import UsageAudit

/// How a run joins the state store's history with what it counted (`AuditHistory`).
@Suite("AuditHistory")
struct AuditHistoryTests {
    private let fixture: PipelineFixture
    private let statePath: String

    init() throws {
        fixture = try PipelineFixture()
        statePath = fixture.folder.file("state.sqlite")
    }

    private static func configuration(scopes: [(name: String, path: String)]) throws -> AuditConfiguration {
        try ConfigurationLoader.parse(text: scopes.map { "[[scope]]\nname = \"\($0.name)\"\npaths = [\"\($0.path)\"]\n" }.joined(separator: "\n"))
    }

    /// One request of `user` to `path` on 2026-11-`day` at 10:00 + `second` s.
    private func line(_ user: String, _ path: String, day: Int, second: Int = 0) -> String {
        PipelineFixture.combinedLine(
            user: user, time: String(format: "%02d/Nov/2026:10:%02d:%02d +0000", day, second / 60, second % 60),
            request: "GET \(path) HTTP/1.1")
    }

    private func run(_ configuration: AuditConfiguration, _ inputs: [InputSource], logger: Logger = PipelineFixture.silentLogger) throws -> AuditOutcome {
        try Audit(configuration: configuration).run(
            inputs: inputs, asOf: nil, state: SQLiteStateStore(path: statePath), workers: 1, logger: logger)
    }

    /// Units per (user, scope name, day) of an outcome's joined usage.
    private func units(_ outcome: AuditOutcome, scopes: [String]) -> [String: Int64] {
        var units: [String: Int64] = [:]
        outcome.usage.forEachCell { key, counts in
            units["\(outcome.usage.userName(key.user)) \(scopes[Int(key.scope)]) \(key.day)"] = counts.units
        }
        return units
    }

    @Test("stored days and this run's days are joined per user, scope and day, whichever came first")
    func joined() throws {
        let configuration = try Self.configuration(scopes: [("geocoding", "/api/geo"), ("routing", "/api/route")])
        let scopes = configuration.scopeNames
        _ = try run(configuration, [try fixture.plain("night1.log", [
            line("bob", "/api/route", day: 20), line("ann", "/api/geo", day: 20, second: 1), line("ann", "/api/geo", day: 20, second: 2),
        ])])
        // Night 2: a new user, and a request of night 1's day that came late (a log of its own).
        let second = try run(configuration, [
            try fixture.plain("night2.log", [line("cy", "/api/geo", day: 21), line("ann", "/api/route", day: 21, second: 1)]),
            try fixture.plain("late.log", [line("ann", "/api/geo", day: 20, second: 30)]),
        ])
        #expect(units(second, scopes: scopes) == [
            "ann geocoding 2026-11-20": 3, "bob routing 2026-11-20": 1, "cy geocoding 2026-11-21": 1, "ann routing 2026-11-21": 1,
        ])
        // Arranged by user name: ann, bob, cy.
        var users: [String] = []
        second.usage.forEachCell { key, _ in
            let name = second.usage.userName(key.user)
            if users.last != name { users.append(name) }
        }
        #expect(users == ["ann", "bob", "cy"])
    }

    @Test("stored use of a scope the configuration no longer names is left out, said once; the other scopes keep theirs")
    func droppedScope() throws {
        let before = try Self.configuration(scopes: [("geocoding", "/api/geo"), ("routing", "/api/route")])
        _ = try run(before, [try fixture.plain("night1.log", [line("ann", "/api/geo", day: 20), line("ann", "/api/route", day: 20, second: 1)])])
        // The scopes in another order, geocoding gone: routing's stored cells move to its new index.
        let after = try Self.configuration(scopes: [("places", "/api/places"), ("routing", "/api/route")])
        let capture = LogCapture()
        let outcome = try run(after, [try fixture.plain("night2.log", [line("ann", "/api/places", day: 21)])], logger: capture.logger())
        #expect(units(outcome, scopes: after.scopeNames) == ["ann routing 2026-11-20": 1, "ann places 2026-11-21": 1])
        let warnings = capture.lines.filter { $0.contains("no longer names") }
        #expect(warnings.count == 1 && warnings.first?.contains("(geocoding)") == true)
    }
}
