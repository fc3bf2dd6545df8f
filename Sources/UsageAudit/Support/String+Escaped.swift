extension String {
    /// The text with `\`, `"` and line feed escaped as `\\`, `\"` and `\n`: a value to put
    /// between double quotes (a Prometheus label, a rule as a partial names it).
    var escapedForQuotes: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
