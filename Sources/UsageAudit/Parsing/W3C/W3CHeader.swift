/// The field list of the latest `#Fields:` directive of a W3C extended log: each column's
/// role, and which catalog fields each column fills.
struct W3CHeader {
    /// Whether a `#Fields:` directive has been read.
    private(set) var isDefined = false
    /// The role of each column, in header order.
    private(set) var roles: [W3CColumnRole] = []
    /// The catalog fields filled from each column, sorted by column.
    private(set) var fieldTargets: [(column: Int, field: Int)] = []
    private(set) var hasDate = false
    private(set) var hasTime = false

    /// Replaces the field list with the names in `names` (the bytes after `#Fields:`),
    /// separated by spaces or tabs. `fieldsByCanonical` maps canonical names
    /// (`W3CFieldName.canonical`) to the catalog indices requested under them.
    mutating func define(names: UnsafeBufferPointer<UInt8>, fieldsByCanonical: [String: [Int]]) {
        isDefined = true
        roles.removeAll(keepingCapacity: true)
        fieldTargets.removeAll(keepingCapacity: true)
        hasDate = false
        hasTime = false
        var index = 0
        while index < names.count {
            while index < names.count, W3CHeader.isSeparator(names[index]) { index += 1 }
            let start = index
            while index < names.count, !W3CHeader.isSeparator(names[index]) { index += 1 }
            guard index > start else { break }
            let name = String(decoding: UnsafeBufferPointer(rebasing: names[start..<index]), as: UTF8.self)
            let canonical = W3CFieldName.canonical(name)
            let role = W3CFieldName.role(ofCanonical: canonical)
            hasDate = hasDate || role == .date
            hasTime = hasTime || role == .time
            for field in fieldsByCanonical[canonical] ?? [] {
                fieldTargets.append((roles.count, field))
            }
            roles.append(role)
        }
    }

    @inline(__always)
    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.tab
    }
}
