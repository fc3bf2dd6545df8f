/// One service's figures in a geo-platform record.
struct CartoReading {
    var limit: StoredLimit
    var used: Int64?
    var hard: Bool?
    var blockPrice: Double?
}
