import Foundation

/// Whether two time zone names from a configuration are one zone: IANA keeps old and
/// alternative names as links (`UTC` and `Etc/UTC`, `Asia/Calcutta` and `Asia/Kolkata`),
/// which cut days alike. A state store made under one name accepts the other.
public enum TimeZoneAlias {
    /// The names of Coordinated Universal Time, which need no zone database.
    private static let universal: Set<String> = [
        "UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu",
        "GMT", "Etc/GMT", "GMT0", "Etc/GMT0", "GMT+0", "Etc/GMT+0", "GMT-0", "Etc/GMT-0", "Greenwich", "Etc/Greenwich",
    ]

    /// Whether `name` and `other` name the same zone: the same name, two names of UTC, or
    /// two names whose zone database files hold the same rules.
    public static func sameZone(_ name: String, _ other: String) -> Bool {
        if name == other { return true }
        if universal.contains(name), universal.contains(other) { return true }
        let folder = ProcessInfo.processInfo.environment["TZDIR"] ?? "/usr/share/zoneinfo"
        func rules(_ zone: String) -> Data? {
            // A name is a path below the folder: nothing that climbs out of it.
            guard !zone.isEmpty, !zone.hasPrefix("/"), !zone.split(separator: "/").contains("..") else { return nil }
            return FileManager.default.contents(atPath: folder + "/" + zone)
        }
        guard let first = rules(name), !first.isEmpty, let second = rules(other) else { return false }
        return first == second
    }
}
