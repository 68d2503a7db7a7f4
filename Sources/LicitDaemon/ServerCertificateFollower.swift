import Foundation
import LicitPKI
import LicitServer
import Logging
import ServiceLifecycle
import X509

/// Follows the server's certificate and key files while the daemon serves: a renewed certificate
/// (issued by the same CA, its key beside it) is served to the connections that come from then
/// on, without a restart. A pair that does not load, or whose key is not the certificate's, is
/// refused with a warning and the certificate in use stays.
package struct ServerCertificateFollower: Service {
    let certificatePath: String
    let keyPath: String
    let server: ExchangeServer
    let logger: Logger

    package init(certificatePath: String, keyPath: String, server: ExchangeServer, logger: Logger) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.server = server
        self.logger = logger
    }

    package func run() async throws {
        var seen = self.stamps()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
            let now = self.stamps()
            guard now != seen else { continue }
            seen = now
            do {
                let identity = IssuedIdentity(
                    certificate: try Certificate(
                        pemEncoded: try DaemonConfiguration.readText(self.certificatePath, what: "server certificate")
                    ),
                    privateKey: try Certificate.PrivateKey(
                        pemEncoded: try DaemonConfiguration.readText(self.keyPath, what: "server key")
                    )
                )
                guard identity.certificate.publicKey == identity.privateKey.publicKey else {
                    throw ValidationFailure("the server key is not the certificate's (renew both, key first)")
                }
                try self.server.replaceServerIdentity(identity)
                DaemonMetrics.serverCertificateExpiry.withLock { $0 = identity.certificate.notValidAfter }
                self.logger.notice(
                    "server certificate reloaded",
                    metadata: ["expires": "\(identity.certificate.notValidAfter)"]
                )
            } catch {
                // Half written, or a key not yet matching its certificate: looked at again when they change.
                self.logger.warning("server certificate not reloaded", metadata: ["error": "\(error)"])
            }
        }
    }

    private func stamps() -> [Date?] {
        [self.certificatePath, self.keyPath].map {
            try? FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date
        }
    }
}
