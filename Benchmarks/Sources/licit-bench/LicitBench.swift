import ArgumentParser

@main
struct LicitBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "licit-bench",
        abstract: "Round trips per second and latency of licitd beside a bare TLS echo, on the same machine.",
        subcommands: [
            EchoServer.self, Load.self, SDKLoad.self, IdleMemory.self, StoreLoad.self, ExportLoad.self,
            PushLatency.self, Allocations.self, Handshakes.self, ReconnectStorm.self, PushFanout.self,
        ]
    )
}
