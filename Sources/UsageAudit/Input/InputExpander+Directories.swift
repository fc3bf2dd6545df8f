#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension InputExpander {
    /// The regular files under `directory`, at any depth, sorted byte-wise by their path
    /// relative to it, and the symbolic links there that lead nowhere (a missing file, a
    /// loop), skipped. Throws if a folder cannot be listed or no file is found.
    func files(under directory: String) throws(InputError) -> (files: [String], danglingLinks: [String]) {
        let root = directory.hasSuffix("/") ? directory : directory + "/"
        var relativePaths: [String] = []
        var dangling: [String] = []
        var pending = [""]  // folders still to list, relative to root ("" is root itself)
        while let folder = pending.popLast() {
            for name in try entries(of: root + folder) {
                if !includesHiddenFiles && name.utf8.first == UInt8(ascii: ".") { continue }
                let relative = folder + name
                let path = root + relative
                if InputPathKind.isRealDirectory(path) {
                    pending.append(relative + "/")
                } else if InputPathKind.isRegularFile(path) {
                    relativePaths.append(relative)
                } else if InputPathKind.isDanglingLink(path) {
                    dangling.append(path)
                }
            }
        }
        guard !relativePaths.isEmpty else { throw .emptyDirectory(path: directory) }
        relativePaths.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return (relativePaths.map { root + $0 }, dangling.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    /// The names in `folder`, without `.` and `..`.
    private func entries(of folder: String) throws(InputError) -> [String] {
        guard let stream = opendir(folder) else {
            throw .unreadable(path: folder, reason: FileByteSource.systemMessage(errno))
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
