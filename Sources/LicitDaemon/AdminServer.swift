import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// The operator's HTTP listener, plain HTTP meant for loopback or a private network:
/// `GET /metrics` (Prometheus text exposition), `GET /healthz` (the process is alive) and
/// `GET /readyz` (it serves: 503 with the reason while starting, draining, or when its store
/// does not answer).
package struct AdminServer: Service {
    package typealias Readiness = @Sendable () async -> String?

    let channel: any Channel
    let logger: Logger

    /// The address it listens on.
    package var address: SocketAddress? { self.channel.localAddress }

    /// Binds the listener at once (so that its address is known before the exchange serves);
    /// `notReady` says why the exchange does not serve, or `nil` when it does.
    package static func bind(
        host: String,
        port: Int,
        logger: Logger,
        notReady: @escaping Readiness
    ) async throws -> AdminServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(AdminHandler(notReady: notReady))
                }
            }
            .bind(host: host, port: port)
            .get()
        logger.info("admin listener", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
        return AdminServer(channel: channel, logger: logger)
    }

    /// Serves until the service group shuts down.
    package func run() async throws {
        await cancelWhenGracefulShutdown {
            try? await Task.sleep(for: .seconds(100 * 365 * 86_400))
        }
        try await self.channel.close()
    }
}

/// Answers one admin request at a time on its connection.
final class AdminHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let notReady: AdminServer.Readiness

    init(notReady: @escaping AdminServer.Readiness) {
        self.notReady = notReady
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let request) = Self.unwrapInboundIn(data) else { return }
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let keepAlive = request.isKeepAlive
        guard request.method == .GET || request.method == .HEAD else {
            Self.respond(loopBound.value, .methodNotAllowed, "only GET\n", keepAlive: keepAlive)
            return
        }
        switch request.uri.split(separator: "?").first.map(String.init) ?? request.uri {
        case "/metrics":
            let body = DaemonMetrics.exposition()
            Self.respond(
                loopBound.value,
                .ok,
                body,
                type: "text/plain; version=0.0.4; charset=utf-8",
                keepAlive: keepAlive
            )
        case "/healthz":
            Self.respond(loopBound.value, .ok, "ok\n", keepAlive: keepAlive)
        case "/readyz":
            let notReady = self.notReady
            context.eventLoop.makeFutureWithTask { await notReady() }.whenComplete { result in
                switch result {
                case .success(nil): Self.respond(loopBound.value, .ok, "ready\n", keepAlive: keepAlive)
                case .success(let reason?):
                    Self.respond(loopBound.value, .serviceUnavailable, "not ready: \(reason)\n", keepAlive: keepAlive)
                case .failure(let error):
                    Self.respond(loopBound.value, .serviceUnavailable, "not ready: \(error)\n", keepAlive: keepAlive)
                }
            }
        default:
            Self.respond(loopBound.value, .notFound, "/metrics, /healthz or /readyz\n", keepAlive: keepAlive)
        }
    }

    private static func respond(
        _ context: ChannelHandlerContext,
        _ status: HTTPResponseStatus,
        _ body: String,
        type: String = "text/plain; charset=utf-8",
        keepAlive: Bool
    ) {
        var head = HTTPResponseHead(version: .http1_1, status: status)
        head.headers.add(name: "Content-Type", value: type)
        head.headers.add(name: "Content-Length", value: "\(body.utf8.count)")
        if !keepAlive { head.headers.add(name: "Connection", value: "close") }
        context.write(Self.wrapOutboundOut(.head(head)), promise: nil)
        context.write(Self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
        context.writeAndFlush(Self.wrapOutboundOut(.end(nil))).whenComplete { _ in
            if !keepAlive { context.close(promise: nil) }
        }
    }
}
