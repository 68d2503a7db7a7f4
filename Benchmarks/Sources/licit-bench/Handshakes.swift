import ArgumentParser
import Foundation
import LicitClient
import LicitWire
import NIOCore
import NIOPosix
import NIOSSL

/// Full mutual-TLS 1.3 handshakes: each connection is new (no session resumption), says hello,
/// and closes. The figure that matters is per daemon core: handshakes divided by the CPU time
/// licitd spent (read from /proc), since the client's core does as much work as the server's.
struct Handshakes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure full mutual-TLS handshakes per licitd core.")

    @Option var port: Int
    @Option(help: "Identity folders, comma-separated; connections take them in turn.") var identity: String
    @Option var ca: String
    @Option(help: "licitd's process id, to read its CPU time.") var pid: Int32
    @Option var connections = 2000
    @Option(help: "Handshakes under way at once.") var concurrency = 16

    func run() async throws {
        let contexts = try self.identity.split(separator: ",").map {
            try TLS.clientContext(identity: String($0), ca: self.ca)
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let cpuBefore = try ProcessCPU.seconds(self.pid)
        let started = ContinuousClock.now
        let failures = try await withThrowingTaskGroup(of: Bool.self) { tasks in
            var next = 0
            var failures = 0
            func start() {
                let context = contexts[next % contexts.count]
                next += 1
                tasks.addTask {
                    let channel = try await SessionStarter.connect(port: self.port, context: context, group: group)
                    let ok = (try? await channel.answered.get()) != nil
                    try? await channel.channel.close()
                    return ok
                }
            }
            for _ in 0..<min(self.concurrency, self.connections) { start() }
            for try await ok in tasks {
                if !ok { failures += 1 }
                if next < self.connections { start() }
            }
            return failures
        }
        let elapsed = Double(Latencies.nanoseconds(started.duration(to: .now))) / 1e9
        let cpu = try ProcessCPU.seconds(self.pid) - cpuBefore
        print(
            String(
                format:
                    #"{"case":"handshakes","connections":%d,"failures":%d,"per_second":%.0f,"daemon_cpu_seconds":%.3f,"per_daemon_core_second":%.0f}"#,
                self.connections,
                failures,
                Double(self.connections) / elapsed,
                cpu,
                Double(self.connections - failures) / max(cpu, 0.001)
            )
        )
        try await group.shutdownGracefully()
    }
}

/// A reconnect storm: `--clients` connections opened at once, each handshaking, saying hello and
/// subscribing to its inbox from its cursor; done when every one has received its first event.
struct ReconnectStorm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconnect-storm",
        abstract: "Time for many clients to reconnect, resubscribe and receive their backlog at once."
    )

    @Option var port: Int
    @Option(help: "An identity folder of the CNA whose inbox is subscribed (in-signer).") var identity: String
    @Option(help: "An identity folder of a CNA that issues it an IA first (fr-signer).") var importer: String
    @Option var ca: String
    @Option var clients = 1000

    func run() async throws {
        // At least one event waits in the inbox, so every subscription has a backlog to deliver.
        let authority = try String(contentsOfFile: self.ca, encoding: .utf8)
        try await withLicitClient(try .sandbox(self.importer, port: self.port, authority: authority)) { client in
            _ = try await client.issueImportAuthorization(
                ExportLoad.importAuthorization("S\(UUID().uuidString.prefix(8))")
            )
        }
        let context = try TLS.clientContext(identity: self.identity, ca: self.ca)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let started = ContinuousClock.now
        let subscribe = try Licit_V1_SubscribeRequest.with { $0.fromCursor = true }.serializedData()
        let times = try await withThrowingTaskGroup(of: UInt64?.self) { tasks in
            for _ in 0..<self.clients {
                tasks.addTask {
                    let session = try await SessionStarter.connect(
                        port: self.port,
                        context: context,
                        group: group,
                        then: (LicitMethod.Inbox.subscribe, subscribe)
                    )
                    guard (try? await session.answered.get()) != nil else { return nil }
                    return Latencies.nanoseconds(started.duration(to: .now))
                }
            }
            return try await tasks.reduce(into: [UInt64?]()) { $0.append($1) }
        }
        let done = times.compactMap { $0 }
        print(
            String(
                format:
                    #"{"case":"reconnect storm","clients":%d,"resubscribed":%d,"all_within_ms":%.1f,"p50_ms":%.1f}"#,
                self.clients,
                done.count,
                Double(done.max() ?? 0) / 1e6,
                Double(done.sorted()[done.count / 2]) / 1e6
            )
        )
        try await group.shutdownGracefully()
    }
}

/// Opens a TLS connection and says hello; with `then`, makes that call next and waits for its
/// first frame (a subscription's first event) instead of the hello's answer.
final class SessionStarter: ChannelInboundHandler, @unchecked Sendable {
    // @unchecked: touched only on the channel's event loop.
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let answered: EventLoopPromise<Void>
    private let then: (method: String, payload: Data)?
    private var helloAnswered = false
    /// Once the call after hello is made, every later frame goes on to the next handler.
    var after = false

    init(answered: EventLoopPromise<Void>, then: (String, Data)?) {
        self.answered = answered
        self.then = then
    }

    static func connect(
        port: Int,
        context: NIOSSLContext,
        group: any EventLoopGroup,
        then: (String, Data)? = nil,
        after: (any ChannelInboundHandler & Sendable)? = nil
    ) async throws -> (channel: any Channel, answered: EventLoopFuture<Void>) {
        let promise = group.next().makePromise(of: Void.self)
        let starter = SessionStarter(answered: promise, then: then)
        starter.after = after != nil
        let channel = try await TLS.connect(
            port: port,
            context: context,
            group: group,
            handlers: [starter] + (after.map { [$0] } ?? [])
        )
        return (channel, promise.futureResult)
    }

    func channelActive(context: ChannelHandlerContext) {
        let hello = try! Licit_V1_HelloRequest.with { $0.protocolVersion = 1 }.serializedData()
        self.send(.request(callID: 1, method: LicitMethod.hello, payload: hello), context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if self.helloAnswered, self.after {
            context.fireChannelRead(data)
            return
        }
        var buffer = Self.unwrapInboundIn(data)
        guard let frame = try? FrameDecoder().nextFrame(from: &buffer) else {
            self.answered.fail(ChannelError.badInterfaceAddressFamily)
            return
        }
        if self.helloAnswered {
            // The subscription's first event; a response instead ends it, refused.
            if case .event = frame.kind { self.answered.succeed() } else { self.answered.fail(Refused()) }
            return
        }
        guard case .response(let response) = frame.kind, response.status.code == .ok else {
            self.answered.fail(Refused())
            return
        }
        guard let then = self.then else {
            self.answered.succeed()
            return
        }
        self.helloAnswered = true
        self.send(.request(callID: 3, method: then.method, payload: then.payload), context: context)
        if self.after { self.answered.succeed() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.answered.fail(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.answered.fail(error)
        context.close(promise: nil)
    }

    private func send(_ frame: Licit_V1_Frame, context: ChannelHandlerContext) {
        var buffer = ByteBuffer()
        try! FrameEncoder.write(frame, into: &buffer)
        context.writeAndFlush(Self.wrapOutboundOut(buffer), promise: nil)
    }
}

struct Refused: Error {}

/// A process's CPU time (user and system) so far, from /proc.
enum ProcessCPU {
    static func seconds(_ pid: Int32) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the command name (which may hold spaces) start after its closing parenthesis.
        let fields = stat[stat.index(after: stat.lastIndex(of: ")")!)...].split(separator: " ")
        let ticks = Double(fields[11])! + Double(fields[12])!  // utime, stime (fields 14 and 15)
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
