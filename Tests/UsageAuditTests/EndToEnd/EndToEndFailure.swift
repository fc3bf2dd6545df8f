/// A test precondition that does not hold, with a message that says what to do.
struct EndToEndFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
