/// A report that could not be written.
public enum ReportError: Error, Equatable, Sendable {
    case cannotWrite(path: String, reason: String)
}

extension ReportError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason):
            return "cannot write '\(path)': \(reason); check that its folder exists and is writable and that the disk has space"
        }
    }
}
