import LicitExchange
import Logging
import ServiceLifecycle

/// Seals and delivers a checkpoint of the audit trail at start and then every `interval`, when
/// anything but its own last delivery was written since, until shutdown.
package struct CheckpointService: Service {
    package let exchange: Exchange
    package let interval: Duration
    package let logger: Logger

    package func run() async throws {
        var covered: UInt64?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let head = try await self.exchange.storage.auditHead()
                // A delivery is itself one audited write: a head one past the last checkpoint is quiet.
                if covered.map({ head.sequence > $0 + 1 }) ?? true {
                    let checkpoint = try await self.exchange.deliverCheckpoint()
                    covered = checkpoint.sequence
                    self.logger.info("audit checkpoint delivered", metadata: ["sequence": "\(checkpoint.sequence)"])
                }
            } catch {
                self.logger.warning("audit checkpoint not delivered; retrying", metadata: ["error": "\(error)"])
            }
            let interval = self.interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
