import Synchronization

/// Where the exchange looks up the account behind a certificate fingerprint, and whether
/// that certificate has been revoked.
///
/// Consulted at every handshake and on every request, so lookups must be cheap and must not block.
public protocol AccountDirectory: Sendable {
    /// The account registered for `fingerprint`, or `nil` when none is.
    func account(forFingerprint fingerprint: String) -> Account?
    /// Whether the certificate with `fingerprint` is on the deny-list.
    func isRevoked(fingerprint: String) -> Bool
    /// Every registered account, for the administrators who manage them.
    var accounts: [Account] { get }
}

/// An ``AccountDirectory`` held in memory; the daemon loads it from its accounts file.
public final class InMemoryAccountDirectory: AccountDirectory {
    private struct State {
        var accounts: [String: Account] = [:]
        var revoked: Set<String> = []
    }

    private let state: Mutex<State>

    public init(accounts: [Account] = [], revoked: Set<String> = []) {
        var state = State()
        for account in accounts { state.accounts[account.certificateFingerprint] = account }
        state.revoked = revoked
        self.state = Mutex(state)
    }

    public func account(forFingerprint fingerprint: String) -> Account? {
        self.state.withLock { $0.accounts[fingerprint] }
    }

    public func isRevoked(fingerprint: String) -> Bool {
        self.state.withLock { $0.revoked.contains(fingerprint) }
    }

    /// The deny-list as it stands.
    public var revokedFingerprints: Set<String> {
        self.state.withLock { $0.revoked }
    }

    public func register(_ account: Account) {
        self.state.withLock { $0.accounts[account.certificateFingerprint] = account }
    }

    /// Clears the pending flag of the account with `fingerprint`; returns it, or nil when none has it.
    public func approve(fingerprint: String) -> Account? {
        self.state.withLock { state in
            state.accounts[fingerprint]?.pendingApproval = false
            return state.accounts[fingerprint]
        }
    }

    public func revoke(fingerprint: String) {
        _ = self.state.withLock { $0.revoked.insert(fingerprint) }
    }

    /// Replaces every account and the deny-list; returns the fingerprints revoked by this change.
    @discardableResult
    public func replace(accounts: [Account], revoked: Set<String>) -> Set<String> {
        self.state.withLock { state in
            let newlyRevoked = revoked.subtracting(state.revoked)
            state.accounts = Dictionary(
                accounts.map { ($0.certificateFingerprint, $0) },
                uniquingKeysWith: { _, last in last }
            )
            state.revoked = revoked
            return newlyRevoked
        }
    }

    public var accounts: [Account] {
        self.state.withLock { Array($0.accounts.values) }.sorted { $0.name < $1.name }
    }
}
