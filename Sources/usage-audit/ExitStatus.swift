import UsageAudit

/// The process exit codes of DESIGN §7, and which error maps to which: in one place.
enum ExitStatus {
    static let success: Int32 = 0
    static let findings: Int32 = 1
    static let usage: Int32 = 2
    static let unreadableInput: Int32 = 3
    static let damagedInput: Int32 = 4

    static func code(for error: AuditError) -> Int32 {
        switch error {
        case .configuration, .format: return usage
        case .input, .report: return unreadableInput
        case .profiles(let error): return error.isUnreadable ? unreadableInput : usage
        case .state(let error):
            switch error {
            case .zoneMismatch, .badLocation: return usage
            case .unavailable, .newerSchema, .concurrentRun, .overtaken, .abandoned: return unreadableInput
            }
        case .partial(let error): return error.isUnreadable ? unreadableInput : usage
        }
    }
}
