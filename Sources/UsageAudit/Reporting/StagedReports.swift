/// The reports of one run written under temporary names in their folder, in the order
/// `summary.json` lists them, waiting to be published (`ReportSet.publish`) or discarded.
public struct StagedReports: Sendable {
    /// The folder the reports go to.
    public let directory: String
    public let files: [StagedFile]

    /// Removes every staged file; the folder keeps the previous run's reports.
    public func discard() {
        for file in files { file.discard() }
    }
}
