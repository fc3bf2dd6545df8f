import Synchronization

/// How far counting has got, updated by the workers and read by whoever draws progress
/// (the command line, on a terminal). Updates are coarse so that they cost nothing.
public final class CountingProgress: Sendable {
    /// How many lines a worker reads between two updates.
    static let lineStride: Int64 = 1 << 16

    public let inputCount: Int
    private let lines = Atomic<Int64>(0)
    private let finishedInputs = Atomic<Int>(0)

    public init(inputCount: Int) {
        self.inputCount = inputCount
    }

    /// Lines read so far (rounded down to the update stride while an input is being read).
    public var linesRead: Int64 { lines.load(ordering: .relaxed) }
    /// Inputs read to the end.
    public var inputsFinished: Int { finishedInputs.load(ordering: .relaxed) }

    func add(lines count: Int64) {
        lines.wrappingAdd(count, ordering: .relaxed)
    }

    func finishInput() {
        finishedInputs.wrappingAdd(1, ordering: .relaxed)
    }
}
