import Foundation

/// Where the end-to-end tests find the repository: its root (the folder holding
/// `Package.swift`), the bundled samples and the golden reports.
///
/// The root is found from this file's own path with symbolic links resolved, so the tests
/// also work from a scratch package whose test folder links into the repository.
enum RepositoryLayout {
    /// The repository root, or nil when no `Package.swift` is found above this file.
    static let root: URL? = {
        var thisFile = #filePath
        if let resolved = realpath(#filePath, nil) {
            thisFile = String(cString: resolved)
            free(resolved)
        }
        var folder = URL(fileURLWithPath: thisFile).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    /// The repository root; throws when it cannot be found.
    static func requireRoot() throws -> URL {
        guard let root else { throw EndToEndFailure("cannot find the repository root (Package.swift) above \(#filePath)") }
        return root
    }

    /// `reports/` in the repository: the golden copies of the sample run's reports.
    static func goldenReports() throws -> URL {
        try requireRoot().appendingPathComponent("reports")
    }

    /// `samples/expected/` in the repository: the sample generator's own truth.
    static func sampleExpectations() throws -> URL {
        try requireRoot().appendingPathComponent("samples/expected")
    }
}
