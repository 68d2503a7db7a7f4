import ArgumentParser
import NIOCore
import NIOPosix
import NIOSSL

/// A bare SwiftNIO + NIOSSL server that echoes each length-prefixed frame: the ceiling licitd is
/// measured against (same TLS, same framing, no protobuf, no dispatch).
struct EchoServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "echo-server",
        abstract: "Run the bare TLS echo server."
    )

    @Option var port: Int
    @Option var certificate: String
    @Option var key: String
    @Option var ca: String

    func run() async throws {
        let context = try TLS.serverContext(certificate: self.certificate, key: self.key, ca: self.ca)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RawFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(EchoHandler())
                }
            }
            .bind(host: "127.0.0.1", port: self.port)
            .get()
        print("echo server listening on \(channel.localAddress!)")
        try await channel.closeFuture.get()
    }
}

final class EchoHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.write(data, promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }
}
