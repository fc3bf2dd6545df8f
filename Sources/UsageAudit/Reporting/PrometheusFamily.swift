/// One metric family of the Prometheus text exposition format (version 0.0.4): its
/// `# HELP` and `# TYPE` lines and its samples, in the order they were added.
///
/// Only what a textfile snapshot needs: gauges, no timestamps (the collector refuses them). Label values
/// and help text are escaped as the format requires, so any string (a scope name from the
/// configuration) round-trips through a Prometheus parser.
struct PrometheusFamily {
    /// A sample's value: counts are written as integers, measurements in Swift's shortest
    /// round-tripping form, non-finite values as `+Inf`, `-Inf`, `NaN`.
    enum Value {
        case integer(Int64)
        case number(Double)

        var text: String {
            switch self {
            case .integer(let value):
                return String(value)
            case .number(let value):
                if value.isNaN { return "NaN" }
                if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
                return String(value)
            }
        }
    }

    /// One line of the family: label pairs in the order given, and a value.
    struct Sample {
        var labels: [(name: String, value: String)]
        var value: Value
    }

    /// The metric name (`usage_audit_…`); the caller passes a valid one.
    let name: String
    let help: String
    let type: String
    private(set) var samples: [Sample] = []

    /// A gauge: the value of one run, not a monotonic counter.
    static func gauge(_ name: String, help: String) -> PrometheusFamily {
        PrometheusFamily(name: name, help: help, type: "gauge")
    }

    /// A gauge with one unlabelled sample.
    static func gauge(_ name: String, help: String, value: Value) -> PrometheusFamily {
        var family = gauge(name, help: help)
        family.add(value)
        return family
    }

    /// Adds a sample.
    mutating func add(_ value: Value, labels: [(name: String, value: String)] = []) {
        samples.append(Sample(labels: labels, value: value))
    }

    /// The family as exposition text, every line ending in a newline.
    var rendered: String {
        var text = "# HELP \(name) \(Self.escapedHelp(help))\n# TYPE \(name) \(type)\n"
        for sample in samples {
            text += name
            if !sample.labels.isEmpty {
                let pairs = sample.labels.map { "\($0.name)=\"\(Self.escapedLabelValue($0.value))\"" }
                text += "{" + pairs.joined(separator: ",") + "}"
            }
            text += " " + sample.value.text + "\n"
        }
        return text
    }

    /// A label value with `\`, `"` and line feed escaped as `\\`, `\"` and `\n`.
    static func escapedLabelValue(_ value: String) -> String {
        value.escapedForQuotes
    }

    /// Help text with `\` and line feed escaped as `\\` and `\n` (quotes stay as they are).
    static func escapedHelp(_ help: String) -> String {
        var result = ""
        for character in help.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
