/// The request parts one line logged, gathered while the fields are read and turned into
/// `LogRecord.method`, `.path` and `.query` at the end, so that the order of the fields in
/// the template does not matter.
///
/// The request target (`$request_uri`) wins over the request line (`$request`, `%r`), which
/// wins over separate path and query fields (`$uri`, `$args`, `%U`, `%q`); a separate method
/// field (`$request_method`, `%m`) wins over the request line's.
struct RequestSpans {
    var line: ByteSpan?
    var method: ByteSpan?
    var target: ByteSpan?
    var path: ByteSpan?
    var query: ByteSpan?

    func fill(_ record: inout LogRecord) {
        let lineWasSplit = line.map { RequestLine.split($0, into: &record) } ?? false
        if let target {
            RequestLine.splitTarget(target, into: &record)
        } else if !lineWasSplit {
            if let path { record.path = path }
            if let query { record.query = query }
        }
        if let method { record.method = method }
    }
}
