import LicitServerCore
import Synchronization

/// Revokes in an ``InMemoryAccountDirectory`` after persisting the revocation, then closes the
/// certificate's open connections on the server attached once it exists.
public final class DirectoryRevoker: CertificateRevoker {
    private let directory: InMemoryAccountDirectory
    private let persist: @Sendable (String) throws -> Void
    private let server = Mutex<ExchangeServer?>(nil)

    /// - Parameter persist: records the revocation durably (the accounts file); throwing aborts it.
    public init(directory: InMemoryAccountDirectory, persist: @escaping @Sendable (String) throws -> Void = { _ in }) {
        self.directory = directory
        self.persist = persist
    }

    public func attach(_ server: ExchangeServer) {
        self.server.withLock { $0 = server }
    }

    public func revoke(fingerprint: String) throws {
        try self.persist(fingerprint)
        self.directory.revoke(fingerprint: fingerprint)
        self.server.withLock { $0 }?.closeConnections(ofFingerprint: fingerprint)
    }
}
