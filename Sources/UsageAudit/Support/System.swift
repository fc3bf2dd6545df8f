import Glibc

/// Facts about the machine the audit runs on.
public enum System {
    /// The number of cores the process may use.
    public static var coreCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
