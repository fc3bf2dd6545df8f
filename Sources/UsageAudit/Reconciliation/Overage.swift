/// Units used past a soft limit, and what they cost.
///
/// Pricing rule: overage is billed in blocks of 1000 units and every started block is
/// charged in full (the way per-1000 prices such as the geo platform's `block_price` are
/// quoted): 1 unit past the limit costs one block, 1000 units one block, 1001 units two.
/// The price is in whatever currency unit the store or the configuration gives it.
public struct Overage: Hashable, Sendable {
    /// The units in one priced block.
    public static let blockSize: Int64 = 1000

    /// Units past the limit (always above zero).
    public var units: Int64
    /// The price of one block of 1000 units, when known.
    public var blockPrice: Double?

    public init(units: Int64, blockPrice: Double?) {
        self.units = units
        self.blockPrice = blockPrice
    }

    /// The number of blocks started: `⌈units / 1000⌉`.
    public var blocks: Int64 {
        guard units > 0 else { return 0 }
        return (units - 1) / Self.blockSize + 1
    }

    /// `blocks × blockPrice`; nil when no price is known.
    public var cost: Double? {
        blockPrice.map { Double(blocks) * $0 }
    }
}
