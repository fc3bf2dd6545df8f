// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Gzip input is decoded with ISA-L (`libisal-dev`) when its header is installed: about
/// twice as fast as zlib. Without it, or with USAGE_AUDIT_ZLIB_ONLY=1 in the environment of
/// the build, zlib decodes (`usage-audit --version` names the engine a build uses).
let withISAL = ProcessInfo.processInfo.environment["USAGE_AUDIT_ZLIB_ONLY"] == nil
    && ["/usr/include", "/usr/local/include"].contains { FileManager.default.fileExists(atPath: $0 + "/isa-l/igzip_lib.h") }

let package = Package(
    name: "usage-audit",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "usage-audit", targets: ["usage-audit"]),
        .library(name: "UsageAudit", targets: ["UsageAudit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
        // Already in the graph through postgres-nio: SHA-256 for recognising inputs by content.
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Cache prefetch hints for the counting loops (header only).
        .systemLibrary(name: "CPrefetch"),
        // malloc_trim, to return what loading the key directory freed to the system (header only).
        .systemLibrary(name: "CAllocator"),
        .target(
            name: "UsageAudit",
            dependencies: (withISAL ? ["CIsal"] : []) + [
                "CZlib",
                "CPrefetch",
                "CAllocator",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the state store's bulk inserts (GRDB links it anyway).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "usage-audit",
            dependencies: [
                "UsageAudit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "UsageAuditTests",
            dependencies: [
                "UsageAudit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // SHA-256, to write the expected label of an unmapped key independently.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ]
)

if withISAL {
    package.targets.append(.systemLibrary(name: "CIsal", pkgConfig: "libisal", providers: [.apt(["libisal-dev"])]))
}
