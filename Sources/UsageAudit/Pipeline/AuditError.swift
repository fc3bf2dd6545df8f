/// Every way an audit can fail before its reports are written, grouped by exit code.
public enum AuditError: Error, Sendable {
    /// Exit 2: the configuration or a file it names is wrong.
    case configuration(ConfigurationError)
    /// Exit 2: the log format cannot be compiled or lacks a field the configuration uses;
    /// `line`: where `[log] format` is written (absent: the default format).
    case format(FormatError, line: Int? = nil)
    /// Exit 3: an input cannot be read at all.
    case input(InputError)
    /// Exit 3: a report cannot be written.
    case report(ReportError)
    /// Exit 2 for a bad source or bad content, exit 3 for a store that cannot be read.
    case profiles(ProfileError)
    /// Exit 2 for a store kept in another time zone, exit 3 for a store that cannot be used.
    case state(StateError)
    /// Exit 3 for a partial that cannot be read, exit 2 for one that cannot be added.
    case partial(PartialError)
}

extension AuditError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .configuration(let error): return error.description
        case .format(let error, let line):
            guard error.isAboutTheFormat else { return error.description }
            return "'log.format'\(line.map { " (line \($0))" } ?? " (the default)"): \(error.description)"
        case .input(let error): return error.description
        case .report(let error): return error.description
        case .profiles(let error): return error.description
        case .state(let error): return error.description
        case .partial(let error): return error.description
        }
    }
}
