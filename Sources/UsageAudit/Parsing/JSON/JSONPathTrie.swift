/// A byte trie of the dotted paths a JSON parser wants, matched against object keys.
///
/// Paths are stored lower-cased and keys are lower-cased (ASCII) while they are walked, so
/// `request.headers.x-api-key` matches Caddy's `X-Api-Key`. Because a key is walked byte by
/// byte from the node its object was entered at, a key that itself contains dots matches
/// too: the path `a.b.c` finds `{"a":{"b":{"c":…}}}`, `{"a.b":{"c":…}}` and `{"a.b.c":…}`.
///
/// Walking keys is most of a JSON parser's work, so the trie lives in flat buffers that it
/// owns and never changes after `init`; nodes with many children have a 256-entry table.
final class JSONPathTrie: @unchecked Sendable {
    /// The node every top-level key is walked from.
    static let root: Int32 = 0

    private struct Node {
        var firstEdge: Int32
        var edgeCount: Int32
        /// The slot of the path that ends here, or -1.
        var slot: Int32
        /// The offset of this node's 256-entry child table in `tables`, or -1.
        var table: Int32
    }

    /// Nodes with at least this many children get a table instead of a list.
    private static let tableThreshold = 4

    private let nodes: UnsafeMutableBufferPointer<Node>
    private let edgeBytes: UnsafeMutableBufferPointer<UInt8>
    private let edgeTargets: UnsafeMutableBufferPointer<Int32>
    private let tables: UnsafeMutableBufferPointer<Int32>

    /// Builds the trie; the path at index `i` of `paths` ends at slot `i`.
    init(paths: [String]) {
        var children: [[(byte: UInt8, node: Int32)]] = [[]]
        var slotOfNode: [Int32] = [-1]
        for (slot, path) in paths.enumerated() {
            var node = 0
            for byte in path.utf8 {
                let lower = ASCII.lowercased(byte)
                if let edge = children[node].first(where: { $0.byte == lower }) {
                    node = Int(edge.node)
                } else {
                    children.append([])
                    slotOfNode.append(-1)
                    children[node].append((lower, Int32(children.count - 1)))
                    node = children.count - 1
                }
            }
            if slotOfNode[node] < 0 { slotOfNode[node] = Int32(slot) }
        }
        let edgeTotal = children.reduce(0) { $0 + $1.count }
        let tableCount = children.filter { $0.count >= JSONPathTrie.tableThreshold }.count
        nodes = .allocate(capacity: children.count)
        edgeBytes = .allocate(capacity: max(edgeTotal, 1))
        edgeTargets = .allocate(capacity: max(edgeTotal, 1))
        tables = .allocate(capacity: max(tableCount * 256, 1))
        tables.initialize(repeating: -1)
        var edge = 0
        var table = 0
        for (index, edges) in children.enumerated() {
            var node = Node(firstEdge: Int32(edge), edgeCount: Int32(edges.count), slot: slotOfNode[index], table: -1)
            if edges.count >= JSONPathTrie.tableThreshold {
                node.table = Int32(table)
                for (byte, target) in edges { tables[table + Int(byte)] = target }
                table += 256
            }
            for (byte, target) in edges {
                edgeBytes[edge] = byte
                edgeTargets[edge] = target
                edge += 1
            }
            nodes.initializeElement(at: index, to: node)
        }
    }

    deinit {
        nodes.deallocate()
        edgeBytes.deallocate()
        edgeTargets.deallocate()
        tables.deallocate()
    }

    /// The node reached by walking `key` from `node`, or nil when no wanted path continues so.
    @inline(__always)
    func walk(from node: Int32, _ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        var current = node
        for byte in key {
            guard let next = child(of: current, ASCII.lowercased(byte)) else { return nil }
            current = next
        }
        return current
    }

    /// The node after `byte` from `node`, or nil.
    @inline(__always)
    func child(of node: Int32, _ byte: UInt8) -> Int32? {
        let entry = nodes[Int(node)]
        if entry.table >= 0 {
            let target = tables[Int(entry.table) + Int(byte)]
            return target >= 0 ? target : nil
        }
        var index = Int(entry.firstEdge)
        let end = index + Int(entry.edgeCount)
        while index < end {
            if edgeBytes[index] == byte { return edgeTargets[index] }
            index += 1
        }
        return nil
    }

    /// The slot of the path that ends at `node`, or nil when none ends there.
    @inline(__always)
    func slot(at node: Int32) -> Int? {
        let slot = nodes[Int(node)].slot
        return slot >= 0 ? Int(slot) : nil
    }
}
