/// A report that could not be written.
public enum ReportError: Error, Equatable, Sendable {
    case cannotWrite(path: String, reason: String)
}

extension ReportError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason):
            return "cannot write '\(path)': \(reason); check that the --out folder is writable and the disk has space"
        }
    }
}
