import LicitServerCore
import LicitWire
import Logging
import NIOCore
import NIOSSL
import NIOTLS

/// Holds a new connection to an absolute handshake deadline, requires ALPN `licit/1`, and
/// announces the account that ``PeerAuthentication`` recognised once the handshake completes
/// (a ``ServerConnectionHandler/PeerAuthenticated`` event).
final class HandshakeGate: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: TimeAmount
    private let authentication: PeerAuthentication
    private let logger: Logger
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount, authentication: PeerAuthentication, logger: Logger) {
        self.timeout = timeout
        self.authentication = authentication
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let logger = self.logger
        self.deadline = context.eventLoop.assumeIsolated().scheduleTask(in: self.timeout) {
            logger.notice("TLS handshake deadline passed; closing")
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case .handshakeCompleted(let negotiated) = event as? TLSUserEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        self.deadline?.cancel()
        if negotiated != FrameLimits.alpnProtocol {
            self.refuse("alpn_required", context: context)
        } else if let account = self.authentication.account, let expiry = self.authentication.certificateExpiry {
            context.fireUserInboundEventTriggered(
                ServerConnectionHandler.PeerAuthenticated(account: account, certificateExpiry: expiry)
            )
        } else {
            self.refuse("unauthenticated", context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.deadline?.cancel()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.logger.info("connection error", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }

    private func refuse(_ reason: String, context: ChannelHandlerContext) {
        self.logger.notice("connection refused after handshake", metadata: ["reason": "\(reason)"])
        context.close(promise: nil)
    }
}
