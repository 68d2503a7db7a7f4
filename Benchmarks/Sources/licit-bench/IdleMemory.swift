import ArgumentParser
import Foundation
import LicitWire
import NIOCore
import NIOPosix
import NIOSSL

/// Opens N idle connections (TLS done, hello answered for licit) and reports the server's
/// resident memory growth per connection, read from /proc/PID/status.
struct IdleMemory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idle-memory",
        abstract: "Measure server memory per idle connection."
    )

    @Option(help: "licit or raw.") var target: String
    @Option var port: Int
    @Option(help: "The server's process id.") var pid: Int32
    @Option var identity: String
    @Option var ca: String
    @Option var connections = 500

    func run() async throws {
        let contexts = try self.identity.split(separator: ",").map {
            try TLS.clientContext(identity: String($0), ca: self.ca)
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        try await Task.sleep(for: .milliseconds(300))
        let before = try Self.residentKiB(self.pid)
        var channels: [any Channel] = []
        let far = NIODeadline.now() + .hours(1)
        for index in 0..<self.connections {
            let context = contexts[index % contexts.count]
            let handler = PipelineHandler(frames: [], inFlight: 0, window: (far, far), hello: self.target == "licit")
            channels.append(try await PipelineHandler.connect(handler, port: self.port, context: context, group: group))
        }
        try await Task.sleep(for: .seconds(2))
        let after = try Self.residentKiB(self.pid)
        let perConnection = Double(after - before) * 1024 / Double(self.connections)
        print(
            String(
                format:
                    "{\"case\":\"%@ idle memory\",\"connections\":%d,\"rss_before_kib\":%d,\"rss_after_kib\":%d,\"bytes_per_connection\":%.0f}",
                self.target,
                self.connections,
                before,
                after,
                perConnection
            )
        )
        for channel in channels { try? await channel.close() }
        try await group.shutdownGracefully()
    }

    static func residentKiB(_ pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
}
