import Glibc
import Foundation

/// Facts about the machine the audit runs on.
public enum System {
    /// The number of cores the process may use.
    public static var coreCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Makes glibc's allocator give large blocks (1 MiB or more) their own mappings and
    /// return them to the system when freed, instead of raising that threshold as blocks are
    /// freed (its default): the tables of a count grow by doubling, and each outgrown buffer
    /// would otherwise stay in the heap, inflating the resident size by half again.
    /// Done once per process; harmless where `mallopt` does not exist.
    public static func returnLargeBlocksToTheSystem() {
        _ = largeBlocksReturned
    }

    /// The process's resident and peak resident memory in MB (`VmRSS`, `VmHWM` of
    /// /proc/self/status), for the stage lines of `--verbose`; nil where that file does not exist.
    public static var residentMegabytes: (now: Int, peak: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        func megabytes(_ field: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }) else { return nil }
            return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }.map { $0 / 1024 }
        }
        guard let now = megabytes("VmRSS:"), let peak = megabytes("VmHWM:") else { return nil }
        return (now, peak)
    }

    private static let largeBlocksReturned: Bool = {
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        // M_MMAP_THRESHOLD is -3 in glibc's <malloc.h>; setting it stops its dynamic adjustment.
        return mallopt(-3, 1 << 20) == 1
    }()
}
