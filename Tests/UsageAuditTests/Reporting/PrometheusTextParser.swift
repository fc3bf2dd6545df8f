import Foundation

/// Parses Prometheus exposition text with the reference Python client's parser
/// (`prometheus_client.parser.text_string_to_metric_families`, Debian's
/// `python3-prometheus-client`, installed by `scripts/install-deps`), so tests check the
/// text against a real implementation of the format rather than against our own reading of it.
struct PrometheusTextParser {
    /// One parsed metric family.
    struct Family: Equatable {
        var name: String
        var type: String
        var help: String
        var samples: [Sample]
    }

    /// One parsed sample.
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    /// Why the text could not be parsed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static let script = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        families = []
        for family in text_string_to_metric_families(sys.stdin.read()):
            families.append({"name": family.name, "type": family.type, "help": family.documentation,
                             "samples": [{"name": s.name, "labels": s.labels, "value": repr(float(s.value))}
                                         for s in family.samples]})
        json.dump(families, sys.stdout)
        """

    /// The interpreter that sees Debian's packages: `/usr/bin/python3` when it exists (a
    /// `python3` earlier on `PATH`, from pyenv or a virtualenv, may not), else `python3`.
    private static var interpreter: (path: String, arguments: [String]) {
        let system = "/usr/bin/python3"
        if FileManager.default.isExecutableFile(atPath: system) { return (system, []) }
        return ("/usr/bin/env", ["python3"])
    }

    /// The families of `text`, in the order the parser yields them.
    static func families(of text: String) throws -> [Family] {
        let process = Process()
        let (path, arguments) = interpreter
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments + ["-c", script]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // The text is a few kilobytes: it fits the pipe, so writing before reading cannot block.
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: message.contains("No module named 'prometheus_client'")
                ? "python3-prometheus-client is missing: run scripts/install-deps"
                : "the Prometheus parser refused the text: \(message)")
        }
        guard let objects = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw Failure(description: "unexpected parser output: \(String(decoding: data, as: UTF8.self))")
        }
        return try objects.map { object in
            guard let name = object["name"] as? String, let type = object["type"] as? String,
                  let help = object["help"] as? String, let samples = object["samples"] as? [[String: Any]] else {
                throw Failure(description: "unexpected family: \(object)")
            }
            return Family(name: name, type: type, help: help, samples: try samples.map { sample in
                guard let name = sample["name"] as? String, let labels = sample["labels"] as? [String: String],
                      let text = sample["value"] as? String, let value = Double(text) else {
                    throw Failure(description: "unexpected sample: \(sample)")
                }
                return Sample(name: name, labels: labels, value: value)
            })
        }
    }
}
