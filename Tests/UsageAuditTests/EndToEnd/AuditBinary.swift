import Foundation

/// Runs the built `usage-audit` executable as a user would: arguments, working directory,
/// optional standard input; captures exit code, stdout and stderr.
///
/// The binary is `$USAGE_AUDIT_BINARY` when set, else `.build/debug/usage-audit` in the
/// repository. The tests never build it: run `swift build` first.
enum AuditBinary {
    /// The executable to test.
    static func location() throws -> URL {
        if let configured = ProcessInfo.processInfo.environment["USAGE_AUDIT_BINARY"], !configured.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: configured) else {
                throw EndToEndFailure("USAGE_AUDIT_BINARY=\(configured) is not an executable file")
            }
            return URL(fileURLWithPath: configured)
        }
        let binary = try RepositoryLayout.requireRoot().appendingPathComponent(".build/debug/usage-audit")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw EndToEndFailure(
                "\(binary.path) does not exist: run `swift build` in the repository first "
                    + "(the end-to-end tests run the built binary), or set USAGE_AUDIT_BINARY")
        }
        return binary
    }

    /// Runs `usage-audit arguments…` in `directory` (default: the repository root) and waits.
    /// - Parameters:
    ///   - input: bytes for standard input; nil connects it to /dev/null.
    ///   - environment: variables added to (or overriding) this process's environment;
    ///     `NO_COLOR=1` is always set so that messages carry no escape codes.
    ///   - standardOutput, standardError: where stdout or stderr go instead of being
    ///     captured (then `stdout` or `stderr` is empty).
    static func run(
        _ arguments: [String], in directory: URL? = nil, input: Data? = nil,
        environment: [String: String] = [:], standardOutput: FileHandle? = nil, standardError: FileHandle? = nil
    ) throws -> CommandRun {
        let executable = try location()
        let scratch = try EndToEndFolder(prefix: "run")
        defer { scratch.remove() }
        let stdoutURL = scratch.url.appendingPathComponent("stdout")
        let stderrURL = scratch.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = executable
        // Each `run` gets a fresh state store unless the test names one: runs stay independent
        // and nothing is written into the repository's `.usage-audit/`.
        var arguments = arguments
        if arguments.first == "run", !arguments.contains("--state"), !arguments.contains("--no-state") {
            arguments.insert(contentsOf: ["--state", scratch.url.appendingPathComponent("state.sqlite").path], at: 1)
        }
        process.arguments = arguments
        process.currentDirectoryURL = try directory ?? RepositoryLayout.requireRoot()
        var variables = ProcessInfo.processInfo.environment
        variables["NO_COLOR"] = "1"
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        process.standardOutput = standardOutput ?? stdout
        process.standardError = standardError ?? stderr
        if let input {
            let inputURL = scratch.url.appendingPathComponent("stdin")
            try input.write(to: inputURL)
            process.standardInput = try FileHandle(forReadingFrom: inputURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()
        return CommandRun(
            arguments: arguments,
            exitCode: process.terminationStatus,
            terminatedBySignal: process.terminationReason == .uncaughtSignal,
            stdout: try Data(contentsOf: stdoutURL),
            stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
    }
}
