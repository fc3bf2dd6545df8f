#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the log operands of the command line into the list of inputs to read.
///
/// * `-` is standard input.
/// * A file is read as named (a regular file, a FIFO, `/dev/stdin`, `<(zcat …)`).
/// * A directory is searched recursively; its regular files are read in byte-wise order
///   of their path relative to it. Hidden files and folders (names starting with `.`)
///   are skipped unless `includesHiddenFiles`, and so are symbolic links to folders
///   (no loops); symbolic links to files are followed.
/// * An operand that does not exist but contains `*`, `?` or `[` is a glob pattern the
///   shell did not expand (it was quoted): its matches, in byte-wise order, are read
///   like operands. As in the shell, `*` does not match a leading `.`; unlike it, `.*`
///   does not match `.` and `..` (the folder and its parent are not hidden files).
///
/// A path that does not exist, a glob that matches nothing and a directory without log
/// files are errors. An input named twice (same resolved path, or `-` twice) is read once,
/// where it first appears.
public struct InputExpander: Sendable {
    /// Whether directory searches also read hidden files and folders.
    public var includesHiddenFiles: Bool

    public init(includesHiddenFiles: Bool = false) {
        self.includesHiddenFiles = includesHiddenFiles
    }

    /// The inputs named by `operands`, in order, without duplicates.
    public func expand(_ operands: [String]) throws(InputError) -> [InputSource] {
        try expandNamingDanglingLinks(operands).inputs
    }

    /// The inputs named by `operands`, and the symbolic links in the folders searched that
    /// lead nowhere (skipped, for a warning: a log that is not there to be counted).
    public func expandNamingDanglingLinks(_ operands: [String]) throws(InputError) -> (inputs: [InputSource], danglingLinks: [String]) {
        var inputs = InputList()
        for operand in operands {
            if operand == "-" {
                inputs.append(.standardInput, key: "-")
                continue
            }
            switch InputPathKind(path: operand) {
            case .missing where Self.isGlobPattern(operand):
                for match in try Self.matches(of: operand) {
                    // As in a folder: a link that leads nowhere is named, not fatal.
                    if InputPathKind.isDanglingLink(match) {
                        inputs.danglingLinks.append(match)
                        continue
                    }
                    try expand(path: match, into: &inputs)
                }
            default:
                try expand(path: operand, into: &inputs)
            }
        }
        return (inputs.sources, inputs.danglingLinks)
    }

    /// Adds the file at `path`, or the files under it if it is a directory.
    private func expand(path: String, into inputs: inout InputList) throws(InputError) {
        switch InputPathKind(path: path) {
        case .missing:
            throw .missingFile(path: path)
        case .failed(let code):
            throw .unreadable(path: path, reason: FileByteSource.systemMessage(code))
        case .directory:
            let found = try files(under: path)
            for file in found.files { try add(file: file, to: &inputs) }
            inputs.danglingLinks += found.danglingLinks
        case .readable:
            try add(file: path, to: &inputs)
        case .other:
            throw .unreadable(path: path, reason: "not a file, FIFO or directory")
        }
    }

    private func add(file path: String, to inputs: inout InputList) throws(InputError) {
        guard access(path, R_OK) == 0 else {
            throw .unreadable(path: path, reason: FileByteSource.systemMessage(errno))
        }
        inputs.append(.file(path: path), key: Self.resolvedPath(path))
    }

    /// Whether `operand` uses glob syntax.
    static func isGlobPattern(_ operand: String) -> Bool {
        operand.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") }
    }

    /// The paths matching the glob `pattern`, sorted byte-wise.
    static func matches(of pattern: String) throws(InputError) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        let status = glob(pattern, GLOB_NOSORT, nil, &result)
        switch status {
        case 0: break
        case GLOB_NOMATCH: throw .emptyGlob(pattern: pattern)
        case GLOB_ABORTED: throw .unreadable(path: pattern, reason: "a directory on the way could not be read")
        default: throw .unreadable(path: pattern, reason: "the pattern could not be expanded (glob error \(status))")
        }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            guard let pointer = result.gl_pathv[index] else { continue }
            let path = String(cString: pointer)
            // `logs/.*` matches `logs/.` and `logs/..`: the folder and its parent, not hidden files.
            let name = path.split(separator: "/", omittingEmptySubsequences: false).last
            if name == "." || name == ".." { continue }
            paths.append(path)
        }
        guard !paths.isEmpty else { throw .emptyGlob(pattern: pattern) }
        return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The canonical absolute path of `path` (symbolic links resolved), used to spot
    /// duplicates; `path` itself if it cannot be resolved.
    static func resolvedPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Inputs in order of first appearance, each once.
private struct InputList {
    var sources: [InputSource] = []
    var keys: Set<String> = []
    var danglingLinks: [String] = []

    mutating func append(_ source: InputSource, key: String) {
        if keys.insert(key).inserted { sources.append(source) }
    }
}
