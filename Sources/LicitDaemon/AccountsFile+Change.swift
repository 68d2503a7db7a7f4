import LicitExchange

extension AccountsFile {
    /// What one version of the accounts file changed from another, by certificate fingerprint:
    /// applied to the copy every daemon shares, it carries one daemon's edits to the others.
    package struct Change: Equatable, Sendable {
        package var put: [Account] = []
        package var removed: Set<String> = []
        package var revoked: Set<String> = []
        package var restored: Set<String> = []

        package init(
            put: [Account] = [],
            removed: Set<String> = [],
            revoked: Set<String> = [],
            restored: Set<String> = []
        ) {
            self.put = put
            self.removed = removed
            self.revoked = revoked
            self.restored = restored
        }

        package var isEmpty: Bool { self == Change() }
    }

    /// What this file changed from `earlier`.
    package func change(since earlier: AccountsFile) -> Change {
        let before = Dictionary(earlier.accounts.map { ($0.certificateFingerprint, $0) }, uniquingKeysWith: { $1 })
        let now = Set(self.accounts.map(\.certificateFingerprint))
        let revokedBefore = Set(earlier.revoked)
        let revokedNow = Set(self.revoked)
        return Change(
            put: self.accounts.filter { before[$0.certificateFingerprint] != $0 },
            removed: Set(before.keys).subtracting(now),
            revoked: revokedNow.subtracting(revokedBefore),
            restored: revokedBefore.subtracting(revokedNow)
        )
    }

    /// This file with `change` made to it.
    package func applying(_ change: Change) -> AccountsFile {
        let replaced = Set(change.put.map(\.certificateFingerprint)).union(change.removed)
        return AccountsFile(
            accounts: self.accounts.filter { !replaced.contains($0.certificateFingerprint) } + change.put,
            revoked: Set(self.revoked).subtracting(change.restored).union(change.revoked).sorted()
        )
    }

    /// Every account and revocation of either file; where both hold a certificate, `self`'s account.
    package func merging(_ other: AccountsFile) -> AccountsFile {
        let mine = Set(self.accounts.map(\.certificateFingerprint))
        return AccountsFile(
            accounts: self.accounts + other.accounts.filter { !mine.contains($0.certificateFingerprint) },
            revoked: Set(self.revoked).union(other.revoked).sorted()
        )
    }
}
