import LicitServerCore
import LicitWire
import Logging
import NIOCore
import NIOSSL
import NIOTLS

/// Holds a new connection to an absolute handshake deadline, requires ALPN `licit/1`, and
/// hands over the account that ``PeerAuthentication`` recognised once the handshake completes.
final class HandshakeGate: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    struct Refused: Error, CustomStringConvertible {
        let reason: String
        var description: String { self.reason }
    }

    private let timeout: TimeAmount
    private let authentication: PeerAuthentication
    private let accountPromise: EventLoopPromise<Account>
    private let logger: Logger
    private var deadline: Scheduled<Void>?

    init(
        timeout: TimeAmount,
        authentication: PeerAuthentication,
        accountPromise: EventLoopPromise<Account>,
        logger: Logger
    ) {
        self.timeout = timeout
        self.authentication = authentication
        self.accountPromise = accountPromise
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let logger = self.logger
        let promise = self.accountPromise
        self.deadline = context.eventLoop.assumeIsolated().scheduleTask(in: self.timeout) {
            logger.notice("TLS handshake deadline passed; closing")
            promise.fail(Refused(reason: "handshake_timeout"))
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted(let negotiated) = event as? TLSUserEvent {
            self.deadline?.cancel()
            if negotiated != FrameLimits.alpnProtocol {
                self.refuse("alpn_required", context: context)
            } else if let account = self.authentication.account {
                self.accountPromise.succeed(account)
            } else {
                self.refuse("unauthenticated", context: context)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.deadline?.cancel()
        self.accountPromise.fail(Refused(reason: self.authentication.rejection?.reason ?? "closed_before_handshake"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.logger.info("connection error", metadata: ["error": "\(error)"])
        self.accountPromise.fail(error)
        context.close(promise: nil)
    }

    private func refuse(_ reason: String, context: ChannelHandlerContext) {
        self.logger.notice("connection refused after handshake", metadata: ["reason": "\(reason)"])
        self.accountPromise.fail(Refused(reason: reason))
        context.close(promise: nil)
    }
}
