import Foundation
import LicitExchange
import LicitPKI
import LicitServer
import Logging
import ServiceLifecycle
import X509

/// Runs `reload` whenever one of `paths` changes (its modification time), looking every second
/// while the daemon serves. A reload that fails is logged and tried again at the next change;
/// what was loaded before stays in use.
package struct FileFollower: Service {
    let paths: [String]
    let what: String
    let logger: Logger
    let reload: @Sendable () throws -> Void

    package func run() async throws {
        var seen = self.stamps()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
            let now = self.stamps()
            guard now != seen else { continue }
            seen = now
            do {
                try self.reload()
            } catch {
                self.logger.warning("\(self.what) not reloaded", metadata: ["error": "\(error)"])
            }
        }
    }

    private func stamps() -> [Date?] {
        self.paths.map { try? FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date }
    }
}

extension FileFollower {
    /// The seal key file and the retired keys beside it: a key made current by `licitd seal-key
    /// rotate` seals from the next write on, without a restart.
    package static func sealKeys(
        keyPath: String,
        retiredPath: String,
        ring: SealKeyRing,
        logger: Logger
    ) -> FileFollower {
        FileFollower(paths: [keyPath, retiredPath], what: "seal key", logger: logger) {
            let current = try SealKeyFile.read(keyPath)
            let retired = try RetiredSealKeys.read(retiredPath)
            if current.keyID != ring.current.keyID {
                logger.notice(
                    "seal key changed",
                    metadata: ["key.id": "\(current.keyID)", "retired": "\(retired.count)"]
                )
            }
            ring.replace(current: current, retired: retired)
        }
    }

    /// The server's certificate and key: a renewed certificate (issued by the same CA, its key
    /// beside it) is served to the connections that come from then on, without a restart. A pair
    /// whose key is not the certificate's is refused, and the certificate in use stays.
    package static func serverCertificate(
        certificatePath: String,
        keyPath: String,
        server: ExchangeServer,
        logger: Logger
    ) -> FileFollower {
        FileFollower(paths: [certificatePath, keyPath], what: "server certificate", logger: logger) {
            let identity = IssuedIdentity(
                certificate: try Certificate(
                    pemEncoded: try DaemonConfiguration.readText(certificatePath, what: "server certificate")
                ),
                privateKey: try Certificate.PrivateKey(
                    pemEncoded: try DaemonConfiguration.readText(keyPath, what: "server key")
                )
            )
            guard identity.certificate.publicKey == identity.privateKey.publicKey else {
                throw ValidationFailure("the server key is not the certificate's (renew both, key first)")
            }
            try server.replaceServerIdentity(identity)
            DaemonMetrics.serverCertificateExpiry.withLock { $0 = identity.certificate.notValidAfter }
            logger.notice("server certificate reloaded", metadata: ["expires": "\(identity.certificate.notValidAfter)"])
        }
    }
}
