import Foundation
import NIOCore

/// How many event loops the daemon runs: one per CPU it may run on. NIO counts the machine's
/// cores and a cgroup's quota, but not the process's CPU affinity (`taskset`, `numactl`,
/// systemd's `CPUAffinity=`): two loops on one allowed CPU take turns on it, and each switch
/// costs more than the loop saves.
enum EventLoopThreads {
    static var count: Int {
        max(1, min(System.coreCount, Self.allowedCPUs() ?? System.coreCount))
    }

    /// The CPUs this process may run on, from the kernel's `Cpus_allowed` mask in
    /// `/proc/self/status` (hexadecimal words separated by commas); nil where there is none.
    static func allowedCPUs(status path: String = "/proc/self/status") -> Int? {
        guard let status = try? String(contentsOfFile: path, encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") })
        else { return nil }
        var count = 0
        for digit in line.dropFirst("Cpus_allowed:".count) where digit != "," && !digit.isWhitespace {
            guard let value = digit.hexDigitValue else { return nil }
            count += value.nonzeroBitCount
        }
        return count > 0 ? count : nil
    }
}
