import LicitExchange
import LicitServerCore
import Logging
import Metrics
import ServiceLifecycle

/// Runs the expiry sweep at start and then every `interval`, until shutdown.
package struct SweepService: Service {
    package let sweep: ExpirySweep
    package let interval: Duration
    package let logger: Logger

    package func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let changed = try await self.sweep.run()
                Counter(label: "licit_sweep_runs_total").increment()
                Counter(label: "licit_sweep_documents_total").increment(by: changed)
                if changed > 0 { self.logger.info("expiry sweep", metadata: ["documents": "\(changed)"]) }
            } catch {
                self.logger.warning("expiry sweep failed; retrying", metadata: ["error": "\(error)"])
            }
            let interval = self.interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
