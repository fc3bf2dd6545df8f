import Foundation

/// PySpark for `SparkJobTests`: which Python has it, and whether CI requires it.
enum PySpark {
    static var isRequired: Bool { ProcessInfo.processInfo.environment["USAGE_AUDIT_REQUIRE_SPARK"] == "1" }

    /// The Python with PySpark: `$USAGE_AUDIT_PYSPARK_PYTHON`, else `.build/pyspark/bin/python`.
    static let python: String? = {
        if let configured = ProcessInfo.processInfo.environment["USAGE_AUDIT_PYSPARK_PYTHON"], !configured.isEmpty {
            return configured
        }
        guard let root = try? RepositoryLayout.requireRoot() else { return nil }
        let path = root.appendingPathComponent(".build/pyspark/bin/python").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()
}
