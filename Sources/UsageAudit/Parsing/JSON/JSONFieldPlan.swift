/// What a JSON parser looks for: the distinct paths it wants (the trie's slots), and for
/// every role and every catalog field the slots to try, first present wins.
struct JSONFieldPlan: Sendable {
    let trie: JSONPathTrie
    /// The wanted paths, lower-cased; index = slot.
    let paths: [String]
    /// Slots to try for each role, indexed like `JSONRole.allCases`.
    let roleSlots: [[Int]]
    /// Slots to try for each field, indexed like the catalog.
    let fieldSlots: [[Int]]

    init(mapping: [String: String], fields: FieldCatalog) {
        var paths: [String] = []
        var slotByPath: [String: Int] = [:]
        func slots(for candidates: [String]) -> [Int] {
            candidates.map { path in
                let key = path.lowercased()
                if let slot = slotByPath[key] { return slot }
                paths.append(key)
                slotByPath[key] = paths.count - 1
                return paths.count - 1
            }
        }
        roleSlots = JSONRole.allCases.map { slots(for: JSONFieldPlan.candidates(forRole: $0, mapping: mapping)) }
        fieldSlots = fields.names.map { slots(for: JSONFieldPlan.candidates(forField: $0, mapping: mapping)) }
        self.paths = paths
        trie = JSONPathTrie(paths: paths)
    }

    /// The mapped path of `role`, else its defaults.
    static func candidates(forRole role: JSONRole, mapping: [String: String]) -> [String] {
        if let path = mapping[role.rawValue] { return [path] }
        return role.defaultPaths
    }

    /// The paths a requested field `name` is read from: the mapping's entry for it; else,
    /// for a role's name, the role's paths; else `name` as a dotted path, and for an nginx
    /// request-header name `http_x_api_key` also where Caddy (`request.headers.x-api-key`),
    /// ECS (`http.request.headers.x-api-key`) and Traefik (`request_x-api-key`) log it.
    static func candidates(forField name: String, mapping: [String: String]) -> [String] {
        if let path = mapping[name] { return [path] }
        if let role = JSONRole(rawValue: name) { return candidates(forRole: role, mapping: mapping) }
        var result = [name]
        if name.hasPrefix("http_"), name.count > 5 {
            let header = String(name.dropFirst(5).map { $0 == "_" ? "-" : $0 })
            result += ["request.headers.\(header)", "http.request.headers.\(header)", "request_\(header)"]
        }
        return result
    }

    /// Why `path` cannot be a dotted path, or nil when it can.
    static func problem(with path: String) -> String? {
        if path.isEmpty {
            return "the path is empty; write a key such as \"remote_addr\" or a dotted path such as \"request.client_ip\""
        }
        if path.hasPrefix(".") || path.hasSuffix(".") || path.contains("..") {
            return "'\(path)' has an empty segment; write keys joined by single dots, "
                + "such as \"request.headers.x-api-key\""
        }
        return nil
    }
}
