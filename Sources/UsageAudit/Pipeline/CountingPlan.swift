/// Everything a worker needs to count inputs, checked once before any input is read:
/// the compiled log format, its field catalog and the key directory's tables.
public struct CountingPlan: Sendable {
    public let configuration: AuditConfiguration
    public let format: any LogFormat
    public let fields: FieldCatalog
    /// How many keys the key directory maps (its tables are the identity resolver's and the
    /// redactor's: a directory of a million keys is a hundred megabytes, held once).
    public let keyCount: Int
    /// Built once and copied by each worker: the copies share the key tables.
    public let identityResolver: IdentityResolver
    /// Masks keys in quoted malformed lines; built once, shared by the workers.
    public let redactor: SecretRedactor
    /// The catalog indices of the named fields counting reads (`requestedFields`): the only
    /// fields a counting parser stores and a parsed record carries from the thread that
    /// parsed it to the counting one.
    public let countedFieldIndices: [Int]

    /// Compiles the configuration's log format and checks that every `field:NAME` the
    /// configuration uses exists in it.
    public init(configuration: AuditConfiguration, keys: KeyDirectory) throws(FormatError) {
        self.configuration = configuration
        keyCount = keys.count
        format = try LogFormats.make(configuration.log)
        let requested = Self.requestedFields(configuration)
        let fields = try format.fieldCatalog(requesting: requested)
        self.fields = fields
        countedFieldIndices = requested.compactMap { fields.index(of: $0) }
        // Compiled here so that a bad field name fails before any input is read.
        identityResolver = try IdentityResolver(settings: configuration.identity, keys: keys, fields: fields)
        redactor = SecretRedactor(identity: configuration.identity, keys: keys, jsonPaths: configuration.log.jsonMapping)
        _ = try RequestClassifier(configuration: configuration, fields: fields)
    }

    /// The named fields the configuration reads: identity sources and field costs.
    static func requestedFields(_ configuration: AuditConfiguration) -> [String] {
        var names: [String] = []
        for source in configuration.identity.sources {
            if case .field(let name) = source, !names.contains(name) { names.append(name) }
        }
        for scope in configuration.scopes {
            if case .field(let name) = scope.cost, !names.contains(name) { names.append(name) }
        }
        return names
    }
}
