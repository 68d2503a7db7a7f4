import LicitExchange
import LicitStorage
import Logging
import ServiceLifecycle

/// Keeps a sandbox's clock one clock for every daemon on a shared database: the setting a SetClock
/// wrote through any daemon is read back from the store twice a second and applied here.
package struct SandboxClockFollower: Service {
    package let clock: SandboxClock
    package let storage: any Storage
    package let logger: Logger

    package func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var applied = try? await self.storage.read { try $0.sandboxClock() }
            while true {
                try await Task.sleep(for: .milliseconds(500))
                do {
                    let stored = try await self.storage.read { try $0.sandboxClock() }
                    guard let stored, stored != applied else { continue }
                    applied = stored
                    self.clock.apply(stored)
                } catch {
                    self.logger.warning("the sandbox clock's setting was not read", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
