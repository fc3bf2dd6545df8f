/// The version of this build, as `--version` prints it and the state store records it per run.
public enum UsageAuditVersion {
    public static let current = "0.11.0"
}
