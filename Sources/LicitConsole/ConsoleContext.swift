import Hummingbird
import HummingbirdWebSocket
import NIOCore
import NIOSSL

/// A request's context: Hummingbird's own, the websocket upgrade's, and the connection, whose TLS
/// handshake tells which certificate the browser presented.
struct ConsoleContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<Self>
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.webSocket = .init()
        self.channel = source.channel
    }

    /// The SHA-256 fingerprint of the client certificate the browser presented, if it presented one.
    func clientCertificateFingerprint() async -> String? {
        guard let handler = try? await self.channel.pipeline.handler(type: NIOSSLServerHandler.self).get() else {
            return nil
        }
        let der = try? await self.channel.eventLoop.submit { try handler.peerCertificate?.toDERBytes() }.get()
        guard let der else { return nil }
        return ConsoleSetup.fingerprint(der: der)
    }
}
