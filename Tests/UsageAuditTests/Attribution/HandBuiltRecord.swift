@testable import UsageAudit

/// A `LogRecord` built field by field over bytes it owns, the way a parser would fill
/// it, so attribution can be tested without a log format.
///
/// The record's spans point into the bytes, so it is only lent out inside `withRecord`.
struct HandBuiltRecord {
    private let bytes: [UInt8]
    private let spans: LogRecord

    /// - Parameters:
    ///   - queryBytes: exact query bytes (e.g. invalid UTF-8); overrides `query`.
    ///   - fields: the catalog `namedFields` are placed by.
    ///   - namedFields: field name → value.
    init(
        address: String = "", user: String = "", method: String = "GET", path: String = "/",
        query: String = "", queryBytes: [UInt8]? = nil, status: Int = 200, timestamp: Int64 = 0,
        fields: FieldCatalog = FieldCatalog(), namedFields: [String: String] = [:]
    ) {
        var bytes: [UInt8] = []
        func place(_ piece: [UInt8]) -> ByteSpan {
            let start = bytes.count
            bytes.append(contentsOf: piece)
            let span = ByteSpan(start: start, end: bytes.count)
            bytes.append(0x20)
            return span
        }
        var record = LogRecord(fieldCount: fields.count)
        record.remoteAddress = place(Array(address.utf8))
        record.remoteUser = place(Array(user.utf8))
        record.method = place(Array(method.utf8))
        record.path = place(Array(path.utf8))
        record.query = place(queryBytes ?? Array(query.utf8))
        for (name, value) in namedFields.sorted(by: { $0.key < $1.key }) {
            guard let index = fields.index(of: name) else { preconditionFailure("no field \(name)") }
            record.fields[index] = place(Array(value.utf8))
        }
        record.status = status
        record.timestamp = timestamp
        self.bytes = bytes
        spans = record
    }

    /// Calls `body` with the record, whose text is valid only during the call.
    func withRecord<Result>(_ body: (LogRecord) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { buffer in
            var record = spans
            record.text = buffer
            return try body(record)
        }
    }
}
