import ArgumentParser
import Foundation
import LicitClient
import LicitWire
import NIOCore
import NIOPosix
import NIOSSL

/// Event deliveries per second: `--subscribers` connections subscribed to one CNA's inbox while
/// `--writers` connections of another CNA issue IAs to it as fast as they are answered. Each IA is
/// one event to every subscriber; the subscribers count event frames without decoding them.
struct PushFanout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push-fanout",
        abstract: "Measure inbox event deliveries per second to many subscribers."
    )

    @Option var port: Int
    @Option var ca: String
    @Option(help: "The subscribed CNA's identity folder (in-signer).") var subscriber: String
    @Option(help: "The issuing CNA's identity folder (fr-signer).") var importer: String
    @Option var subscribers = 64
    @Option var writers = 8
    @Option var seconds = 5.0

    func run() async throws {
        let context = try TLS.clientContext(identity: self.subscriber, ca: self.ca)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let subscribe = try Licit_V1_SubscribeRequest.with { $0.fromCursor = false }.serializedData()
        var counters: [(channel: any Channel, counter: EventCounter)] = []
        for _ in 0..<self.subscribers {
            let counter = EventCounter()
            let session = try await SessionStarter.connect(
                port: self.port,
                context: context,
                group: group,
                then: (LicitMethod.Inbox.subscribe, subscribe),
                after: counter
            )
            counters.append((session.channel, counter))
        }
        // A subscription from sequence 0 first replays the inbox's backlog: count from after it.
        try await Task.sleep(for: .milliseconds(1000))
        var backlog = 0
        for (channel, counter) in counters { backlog += try await channel.eventLoop.submit { counter.events }.get() }
        let authority = try String(contentsOfFile: self.ca, encoding: .utf8)
        let configuration = try LicitClientConfiguration.sandbox(self.importer, port: self.port, authority: authority)
        let end = ContinuousClock.now + .milliseconds(Int64(self.seconds * 1000))
        let run = UUID().uuidString.prefix(6)
        let issued = try await withThrowingTaskGroup(of: Int.self) { tasks in
            for writer in 0..<self.writers {
                tasks.addTask {
                    try await withLicitClient(configuration) { client in
                        var issued = 0
                        while ContinuousClock.now < end {
                            _ = try await client.issueImportAuthorization(
                                ExportLoad.importAuthorization("F\(run)-\(writer)-\(issued)")
                            )
                            issued += 1
                        }
                        return issued
                    }
                }
            }
            return try await tasks.reduce(0, +)
        }
        // Every event of an issued IA is delivered to every subscriber: wait for the last ones.
        let expected = issued * self.subscribers
        var delivered = 0
        for _ in 0..<100 {
            delivered = -backlog
            for (channel, counter) in counters {
                delivered += try await channel.eventLoop.submit { counter.events }.get()
            }
            if delivered >= expected { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let finished = ContinuousClock.now
        let elapsed = self.seconds + Double(Latencies.nanoseconds(finished - end)) / 1e9
        print(
            String(
                format:
                    #"{"case":"push fanout %d subscribers","issued":%d,"delivered":%d,"expected":%d,"per_second":%.0f}"#,
                self.subscribers,
                issued,
                delivered,
                expected,
                Double(delivered) / elapsed
            )
        )
        for (channel, _) in counters { try? await channel.close() }
        try await group.shutdownGracefully()
    }
}

/// Counts event frames after a subscription has started (a frame whose kind is not a response).
final class EventCounter: ChannelInboundHandler, @unchecked Sendable {
    // @unchecked: touched only on the channel's event loop.
    typealias InboundIn = ByteBuffer
    var events = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.events += 1
    }
}
