import ArgumentParser
import Foundation
import LicitWire
import NIOCore
import NIOPosix
import NIOSSL

/// A pipelining NIO client: C connections, each keeping K requests in flight for a fixed time.
/// The same client drives licitd (Session/Echo frames, after hello) and the bare echo server,
/// so the difference between the two is the server's.
struct Load: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure round trips with a pipelining NIO client.")

    @Option(help: "licit or raw.") var target: String
    @Option var port: Int
    @Option(help: "Identity folders (cert.pem, key.pem), comma-separated; connections take them in turn.") var identity:
        String
    @Option var ca: String
    @Option var connections = 1
    @Option(help: "Requests in flight per connection.") var inFlight = 1
    @Option var seconds = 5.0
    @Option var warmupSeconds = 1.0
    @Option var payloadBytes = 64
    @Option var label: String?

    func run() async throws {
        let contexts = try self.identity.split(separator: ",").map {
            try TLS.clientContext(identity: String($0), ca: self.ca)
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let frames = try Self.requestFrames(target: self.target, payloadBytes: self.payloadBytes)
        let start = NIODeadline.now() + .milliseconds(Int64(self.warmupSeconds * 1000))
        let end = start + .milliseconds(Int64(self.seconds * 1000))
        var handlers: [PipelineHandler] = []
        var channels: [any Channel] = []
        for index in 0..<self.connections {
            let context = contexts[index % contexts.count]
            let handler = PipelineHandler(
                frames: frames,
                inFlight: self.inFlight,
                window: (start, end),
                hello: self.target == "licit"
            )
            handlers.append(handler)
            let channel = try await PipelineHandler.connect(handler, port: self.port, context: context, group: group)
            channels.append(channel)
        }
        try await Task.sleep(for: .milliseconds(Int64((self.warmupSeconds + self.seconds) * 1000) + 300))
        var latencies = Latencies()
        var errors = 0
        for (handler, channel) in zip(handlers, channels) {
            let (measured, failed) = try await channel.eventLoop.submit { (handler.latencies, handler.errors) }.get()
            latencies.merge(measured)
            errors += failed
            try? await channel.close()
        }
        let label = self.label ?? "\(self.target) \(self.connections)x\(self.inFlight)"
        print(latencies.report(label: label, seconds: self.seconds).dropLast() + ",\"errors\":\(errors)}")
        try await group.shutdownGracefully()
    }

    /// 1024 ready-made request frames, call ids 1...1024 (reused in turn: never more than 1024 in flight).
    static func requestFrames(target: String, payloadBytes: Int) throws -> [ByteBuffer] {
        let payload = Data(repeating: 0x61, count: payloadBytes)
        return try (1...1024).map { callID in
            var buffer = ByteBuffer()
            if target == "licit" {
                let echo = try Licit_V1_EchoRequest.with { $0.data = payload }.serializedData()
                try FrameEncoder.write(
                    .request(callID: UInt64(callID), method: LicitMethod.echo, payload: echo),
                    into: &buffer
                )
            } else {
                // The same size on the wire as the licit request, opaque to the echo server.
                var probe = ByteBuffer()
                let echo = try Licit_V1_EchoRequest.with { $0.data = payload }.serializedData()
                try FrameEncoder.write(
                    .request(callID: UInt64(callID), method: LicitMethod.echo, payload: echo),
                    into: &probe
                )
                buffer.writeInteger(UInt32(probe.readableBytes - 4))
                buffer.writeRepeatingByte(0x61, count: probe.readableBytes - 4)
            }
            return buffer
        }
    }
}

/// Keeps `inFlight` requests outstanding; records each round trip that completes inside the window.
final class PipelineHandler: ChannelInboundHandler, @unchecked Sendable {
    // @unchecked: every field is touched only on the channel's event loop (one thread).
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let frames: [ByteBuffer]
    private let inFlight: Int
    private let window: (start: NIODeadline, end: NIODeadline)
    private var awaitingHello: Bool
    private var sentAt: [UInt64] = []
    private var next = 0
    var latencies: [UInt64] = []
    var errors = 0

    init(frames: [ByteBuffer], inFlight: Int, window: (NIODeadline, NIODeadline), hello: Bool) {
        self.frames = frames
        self.inFlight = inFlight
        self.window = window
        self.awaitingHello = hello
        self.sentAt.reserveCapacity(inFlight * 2)
    }

    func channelActive(context: ChannelHandlerContext) {
        if self.awaitingHello {
            var buffer = ByteBuffer()
            let hello = try! Licit_V1_HelloRequest.with { $0.protocolVersion = 1 }.serializedData()
            try! FrameEncoder.write(.request(callID: 1, method: LicitMethod.hello, payload: hello), into: &buffer)
            context.writeAndFlush(Self.wrapOutboundOut(buffer), promise: nil)
        } else {
            self.fill(context: context)
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if self.awaitingHello {
            self.awaitingHello = false
            self.fill(context: context)
            return
        }
        let now = NIODeadline.now()
        let sent = self.sentAt.removeFirst()
        if now >= self.window.start, now <= self.window.end {
            self.latencies.append(now.uptimeNanoseconds - sent)
        }
        if self.isError(Self.unwrapInboundIn(data)) { self.errors += 1 }
        if now <= self.window.end { self.send(context: context) }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    private func fill(context: ChannelHandlerContext) {
        for _ in 0..<self.inFlight { self.send(context: context) }
        context.flush()
    }

    private func send(context: ChannelHandlerContext) {
        self.sentAt.append(NIODeadline.now().uptimeNanoseconds)
        context.write(Self.wrapOutboundOut(self.frames[self.next % self.frames.count]), promise: nil)
        self.next += 1
    }

    /// A licit response whose status is not OK. The fast path reads the bytes of an OK response
    /// (call id, then a Response whose Status is empty) without decoding; anything else is decoded.
    private func isError(_ frame: ByteBuffer) -> Bool {
        let bytes = frame.readableBytesView
        guard bytes.count > 5, bytes[bytes.startIndex + 4] == 0x08 else { return false }  // raw echo
        var index = bytes.startIndex + 5
        while index < bytes.endIndex, bytes[index] & 0x80 != 0 { index += 1 }
        index += 1
        if index + 3 < bytes.endIndex, bytes[index] == 0x1A, bytes[index + 2] == 0x0A, bytes[index + 3] == 0x00 {
            return false
        }
        var copy = frame
        guard let decoded = try? FrameDecoder().nextFrame(from: &copy) else { return true }
        return decoded.response.status.code != .ok
    }
}

extension PipelineHandler {
    /// Opens a TLS connection to 127.0.0.1:`port` whose frames go to `handler`.
    static func connect(
        _ handler: PipelineHandler,
        port: Int,
        context: NIOSSLContext,
        group: any EventLoopGroup
    ) async throws -> any Channel {
        try await TLS.connect(port: port, context: context, group: group, handlers: [handler])
    }
}
