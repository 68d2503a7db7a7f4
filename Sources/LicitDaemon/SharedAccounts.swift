import Foundation
import LicitExchange
import LicitServer
import LicitStoragePostgres
import Logging
import ServiceLifecycle
import Synchronization

/// On PostgreSQL, the accounts every daemon serves are one document in the database, so that an
/// account enrolled or a certificate revoked through any daemon, or in any daemon's accounts file,
/// reaches all of them within a second.
///
/// Each daemon's accounts file stays its operator's way in, and becomes a copy of the shared
/// document: four times a second the daemon sends what changed in its file since they last agreed
/// (accounts added, changed or removed, certificates revoked or restored) to the database, then
/// applies the database's document when its version moved: new accounts can connect, revoked
/// certificates' connections are closed, and the file is rewritten to match.
package final class SharedAccounts: Service {
    private let file: URL
    private let backend: PostgresBackend
    private let directory: InMemoryAccountDirectory
    private let server: ExchangeServer
    private let logger: Logger

    private struct Agreed {
        /// What the file held when it last matched the database (sent, or rewritten from it).
        var content: AccountsFile
        var modified: Date?
        var version: Int64
        /// The database's version this daemon serves, and the file's last modification that
        /// could not be read (told once).
        var applied: Int64
        var unreadable: Date?
    }
    private let agreed: Mutex<Agreed>

    package static let interval = Duration.milliseconds(250)

    /// Merges `file` into the database's document at start: accounts and revocations only the file
    /// holds are added (the database's account wins where both hold a certificate), then the file
    /// is rewritten to match and `directory` serves the result.
    package init(
        file: URL,
        backend: PostgresBackend,
        directory: InMemoryAccountDirectory,
        server: ExchangeServer,
        logger: Logger
    ) async throws {
        let local = try AccountsFile.read(file)
        let (version, body) = try await backend.changeAccountsDocument { body in
            let shared = try body.map { try JSONDecoder.snakeCase.decode(AccountsFile.self, from: $0) }
            return try JSONEncoder.pretty.encode(shared?.merging(local) ?? local)
        }
        let content = try JSONDecoder.snakeCase.decode(AccountsFile.self, from: body)
        if content != local { try content.write(file) }
        directory.replace(accounts: content.accounts, revoked: Set(content.revoked))
        self.file = file
        self.backend = backend
        self.directory = directory
        self.server = server
        self.logger = logger
        self.agreed = Mutex(
            Agreed(
                content: content,
                modified: Self.modificationDate(file),
                version: version,
                applied: version,
                unreadable: nil
            )
        )
    }

    package func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: Self.interval)
                do {
                    try await self.sendFileChanges()
                    try await self.followDatabase()
                } catch {
                    self.logger.warning(
                        "accounts not synchronised with the database; retrying",
                        metadata: ["error": "\(error)"]
                    )
                }
            }
        }
    }

    /// Sends what the file changed since it last agreed with the database.
    private func sendFileChanges() async throws {
        let modified = Self.modificationDate(self.file)
        let agreed = self.agreed.withLock { $0 }
        guard modified != agreed.modified else { return }
        let edited: AccountsFile
        do {
            edited = try AccountsFile.read(self.file)
        } catch {
            guard modified != agreed.unreadable else { return }
            self.agreed.withLock { $0.unreadable = modified }
            self.logger.error(
                "accounts file not read; serving the accounts every daemon shares until it is fixed",
                metadata: ["error": "\(error)"]
            )
            return
        }
        let change = edited.change(since: agreed.content)
        if !change.isEmpty {
            _ = try await self.backend.changeAccountsDocument { body in
                let shared = try body.map { try JSONDecoder.snakeCase.decode(AccountsFile.self, from: $0) }
                return try JSONEncoder.pretty.encode((shared ?? agreed.content).applying(change))
            }
            self.logger.info(
                "accounts file changes sent to every daemon",
                metadata: [
                    "accounts": "\(change.put.count)", "removed": "\(change.removed.count)",
                    "revoked": "\(change.revoked.count)", "restored": "\(change.restored.count)",
                ]
            )
        }
        self.agreed.withLock {
            $0.content = edited
            $0.modified = modified
        }
    }

    /// Serves the database's document when its version moved, and rewrites the file to match.
    private func followDatabase() async throws {
        let agreed = self.agreed.withLock { $0 }
        guard let (current, body) = try await self.backend.accountsDocument(unless: agreed.version) else { return }
        let shared = try JSONDecoder.snakeCase.decode(AccountsFile.self, from: body)
        if current != agreed.applied {
            // A certificate revoked here whose revocation is not sent yet stays revoked.
            let pending = self.directory.revokedFingerprints.subtracting(agreed.content.revoked)
            let newlyRevoked = self.directory.replace(
                accounts: shared.accounts,
                revoked: Set(shared.revoked).union(pending)
            )
            for fingerprint in newlyRevoked { self.server.closeConnections(ofFingerprint: fingerprint) }
            self.agreed.withLock { $0.applied = current }
            self.logger.info(
                "accounts reloaded from the database",
                metadata: ["accounts": "\(shared.accounts.count)", "revoked": "\(shared.revoked.count)"]
            )
        }
        // An edit made since the file was last read is sent first, at the next turn; only then is
        // the file rewritten.
        guard Self.modificationDate(self.file) == agreed.modified else { return }
        if (try? AccountsFile.read(self.file)) != shared { try shared.write(self.file) }
        self.agreed.withLock {
            $0.content = shared
            $0.modified = Self.modificationDate(self.file)
            $0.version = current
        }
    }

    private static func modificationDate(_ file: URL) -> Date? {
        try? FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
    }
}
