import ArgumentParser
import Foundation
import LicitClient
import NIOPosix

/// The same measurement through the Swift SDK: C clients, each with K tasks calling echo in a loop.
struct SDKLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sdk-load",
        abstract: "Measure round trips through LicitClient."
    )

    @Option var port: Int
    @Option(help: "Identity folders, comma-separated; clients take them in turn.") var identity: String
    @Option var ca: String
    @Option var connections = 1
    @Option var inFlight = 1
    @Option var seconds = 5.0
    @Option var warmupSeconds = 1.0
    @Option var payloadBytes = 64
    @Flag(help: "Run each client's callers on its connection's event loop (LicitClient.executor).")
    var onLoop = false

    func run() async throws {
        let authority = try String(contentsOfFile: self.ca, encoding: .utf8)
        let configurations = try self.identity.split(separator: ",").map { folder in
            var configuration = LicitClientConfiguration(
                host: "127.0.0.1",
                port: self.port,
                identity: try ClientIdentity.loading(fromDirectory: URL(fileURLWithPath: String(folder))),
                trustedAuthorityPEM: authority
            )
            configuration.serverHostname = "localhost"
            return configuration
        }
        let payload = Data(repeating: 0x61, count: self.payloadBytes)
        let start = ContinuousClock.now + .milliseconds(Int64(self.warmupSeconds * 1000))
        let end = start + .milliseconds(Int64(self.seconds * 1000))
        let inFlight = self.inFlight
        let onLoop = self.onLoop
        // One event loop, as the raw-frame client has: the load runs pinned to one CPU.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { group.shutdownGracefully { _ in } }
        let latencies = try await withThrowingTaskGroup(of: [UInt64].self) { clients in
            for index in 0..<self.connections {
                let configuration = configurations[index % configurations.count]
                clients.addTask {
                    try await withLicitClient(configuration, group: group) { client in
                        try await withTaskExecutorPreference(onLoop ? client.executor : nil) {
                            try await withThrowingTaskGroup(of: [UInt64].self) { callers in
                                for _ in 0..<inFlight {
                                    callers.addTask {
                                        try await Self.loop(client, payload: payload, window: (start, end))
                                    }
                                }
                                return try await callers.reduce(into: []) { $0 += $1 }
                            }
                        }
                    }
                }
            }
            return try await clients.reduce(into: [UInt64]()) { $0 += $1 }
        }
        print(
            Latencies(nanoseconds: latencies).report(
                label: "sdk\(onLoop ? " on loop" : "") \(self.connections)x\(inFlight)",
                seconds: self.seconds
            )
        )
    }

    static func loop(
        _ client: LicitClient,
        payload: Data,
        window: (ContinuousClock.Instant, ContinuousClock.Instant)
    ) async throws -> [UInt64] {
        var measured: [UInt64] = []
        while true {
            let sent = ContinuousClock.now
            guard sent < window.1 else { return measured }
            _ = try await client.echo(payload)
            if sent >= window.0 {
                measured.append(Latencies.nanoseconds(ContinuousClock.now - sent))
            }
        }
    }
}
