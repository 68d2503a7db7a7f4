import Foundation
import NIOCore
import Testing

@testable import LicitDaemon

@Suite("Event loops: one per CPU the daemon may run on")
struct EventLoopThreadsTests {
    @Test("the allowed CPUs are counted from the kernel's mask, words and all")
    func mask() throws {
        for (mask, expected) in [("3", 2), ("ff,00000001", 9), ("00000000,00000004", 1), ("zz", nil), ("0", nil)] {
            #expect(try Self.allowed(in: "Name:\tlicitd\nCpus_allowed:\t\(mask)\nCpus_allowed_list:\t0\n") == expected)
        }
        #expect(try Self.allowed(in: "Name:\tlicitd\n") == nil)
    }

    @Test("this process's count agrees with the kernel's list of allowed CPUs, and bounds the loops")
    func thisProcess() throws {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let list = try #require(status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") })
        // "0-3,8,10-11": each range counted from its ends.
        let listed = list.dropFirst("Cpus_allowed_list:".count).split(separator: ",").map { range in
            let ends = range.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            return ends.count == 2 ? ends[1] - ends[0] + 1 : 1
        }.reduce(0, +)
        #expect(EventLoopThreads.allowedCPUs() == listed)
        #expect(EventLoopThreads.count == min(System.coreCount, listed))
    }

    static func allowed(in status: String) throws -> Int? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("status-\(UUID().uuidString)")
        try status.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return EventLoopThreads.allowedCPUs(status: file.path)
    }
}
