import Foundation
import Testing
@testable import UsageAudit

/// Helpers for the profile tests: a scratch folder, rows made from literals, and loading.
final class ProfileFixture {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("usage-audit-profiles-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Writes `text` to `name` in the folder and returns its path.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        let path = folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Loads `--profiles SOURCE` relative to the folder.
    func load(_ source: String, context: ProfileReadContext = ProfileReadContext()) throws(ProfileError) -> [StoredProfile] {
        try ProfileStore.load(source, baseDirectory: folder, context: context)
    }

    /// The error loading `source` throws, or nil when it loads.
    func error(loading source: String, context: ProfileReadContext = ProfileReadContext()) -> ProfileError? {
        do {
            _ = try load(source, context: context)
            return nil
        } catch {
            return error
        }
    }

    /// A row of text cells, as a CSV gives them.
    static func row(_ cells: [String: String], origin: String = "test.csv:2") -> ProfileRow {
        ProfileRow(values: cells.mapValues { .text($0) }, origin: origin)
    }

    /// The day `yyyy-mm-dd`.
    static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDay {
        LocalDay(CivilDate(year: year, month: month, day: day))
    }
}

/// The `ProfileError` `body` throws, or nil (other errors are recorded as issues).
func profileError(_ body: () throws -> Void) -> ProfileError? {
    do {
        try body()
        return nil
    } catch let error as ProfileError {
        return error
    } catch {
        Issue.record("expected a ProfileError, got \(error)")
        return nil
    }
}
