/// JSON values decode into profile values: whole numbers that fit an `Int64` as
/// `.integer`, other numbers as `.number`, `true`/`false` as `.boolean`.
extension ProfileValue: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .boolean(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .integer(number)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let object = try? container.decode([String: ProfileValue].self) {
            self = .object(object)
        } else {
            self = .array(try container.decode([ProfileValue].self))
        }
    }
}
