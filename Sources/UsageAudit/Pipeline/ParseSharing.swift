/// Which threads of a `ParsingAhead` parse the batches its reading thread splits the input
/// into.
enum ParseSharing: Sendable {
    /// Whichever is free first: the reading thread while it has no empty batch to fill, the
    /// counting thread while the next batch is not parsed yet.
    case both
    /// The reading thread only (tests: one of the two ways a batch gets parsed).
    case readerOnly
    /// The counting thread only (tests: the other way).
    case callerOnly
}
