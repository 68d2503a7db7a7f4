import Foundation
import LicitExchange
import LicitServer
import LicitServerCore
import Logging
import ServiceLifecycle

/// Watches the accounts file and applies changes to the running daemon within a second:
/// new accounts can connect, and a revoked certificate's open connections are closed.
package struct AccountsReloader: Service {
    package let file: URL
    package let directory: InMemoryAccountDirectory
    package let server: ExchangeServer
    package let logger: Logger

    package func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var lastModified = self.modificationDate()
            while true {
                try await Task.sleep(for: .milliseconds(500))
                let modified = self.modificationDate()
                guard modified != lastModified else { continue }
                lastModified = modified
                self.reload()
            }
        }
    }

    private func reload() {
        do {
            let accounts = try AccountsFile.read(self.file)
            let newlyRevoked = self.directory.replace(accounts: accounts.accounts, revoked: Set(accounts.revoked))
            for fingerprint in newlyRevoked { self.server.closeConnections(ofFingerprint: fingerprint) }
            self.logger.info(
                "accounts reloaded",
                metadata: ["accounts": "\(accounts.accounts.count)", "revoked": "\(accounts.revoked.count)"]
            )
        } catch {
            self.logger.error(
                "accounts file not reloaded; keeping the previous accounts",
                metadata: ["error": "\(error)"]
            )
        }
    }

    private func modificationDate() -> Date? {
        try? FileManager.default.attributesOfItem(atPath: self.file.path)[.modificationDate] as? Date
    }
}
