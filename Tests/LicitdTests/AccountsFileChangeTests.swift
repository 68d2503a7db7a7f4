import LicitDaemon
import LicitExchange
import LicitSimulation
import Testing

/// What carries one daemon's accounts-file edits to every daemon on PostgreSQL: a file's change
/// since the copy it last agreed on, applied to the shared document. Stated over seeded random files.
@Suite("Accounts file changes")
struct AccountsFileChangeTests {
    static let seeds: [UInt64] = Array(1...200)

    /// A file over a small pool of fingerprints, so that files overlap.
    static func file(_ random: inout SimulationRandom) -> AccountsFile {
        let roles: [Role] = [.countryAdmin, .officer, .signer, .viewer]
        var accounts: [Account] = []
        for index in 0..<12 where random.int(0...2) > 0 {
            accounts.append(
                Account(
                    name: "fr-\(random.int(0...3))",
                    country: "FR",
                    authority: "FR-ANSM",
                    role: roles[random.int(0...3)],
                    certificateFingerprint: "fp\(index)"
                )
            )
        }
        let revoked = (0..<14).filter { _ in random.int(0...3) == 0 }.map { "fp\($0)" }
        return AccountsFile(accounts: accounts, revoked: revoked)
    }

    /// Files compared as what they grant: the accounts and the deny-list, in any order.
    static func same(_ left: AccountsFile, _ right: AccountsFile) -> Bool {
        Set(left.accounts) == Set(right.accounts) && Set(left.revoked) == Set(right.revoked)
    }

    @Test("a file's change since another, applied to that other, gives the file", arguments: Self.seeds)
    func changeThenApply(seed: UInt64) {
        var random = SimulationRandom(seed: seed)
        let earlier = Self.file(&random)
        let later = Self.file(&random)
        let change = later.change(since: earlier)
        #expect(Self.same(earlier.applying(change), later))
        #expect(later.change(since: later).isEmpty)
        #expect(change.isEmpty == Self.same(earlier, later))
    }

    @Test("edits two daemons make to different certificates both reach the shared document", arguments: Self.seeds)
    func concurrentEditsCommute(seed: UInt64) {
        var random = SimulationRandom(seed: seed)
        let base = Self.file(&random)
        let first = Self.file(&random).change(since: base)
        let second = Self.file(&random).change(since: base)
        // The second daemon's edit, restricted to certificates the first did not touch.
        let touched = Set(first.put.map(\.certificateFingerprint)).union(first.removed).union(first.revoked)
            .union(first.restored)
        let disjoint = AccountsFile.Change(
            put: second.put.filter { !touched.contains($0.certificateFingerprint) },
            removed: second.removed.subtracting(touched),
            revoked: second.revoked.subtracting(touched),
            restored: second.restored.subtracting(touched)
        )
        #expect(Self.same(base.applying(first).applying(disjoint), base.applying(disjoint).applying(first)))
        let shared = base.applying(first).applying(disjoint)
        #expect(Set(first.put).isSubset(of: Set(shared.accounts)))
        #expect(Set(disjoint.put).isSubset(of: Set(shared.accounts)))
        #expect(first.revoked.union(disjoint.revoked).isSubset(of: Set(shared.revoked)))
    }

    @Test(
        "at start, what only a daemon's file holds is added; where both hold a certificate the database wins",
        arguments: Self.seeds
    )
    func mergingAtStart(seed: UInt64) {
        var random = SimulationRandom(seed: seed)
        let shared = Self.file(&random)
        let local = Self.file(&random)
        let merged = shared.merging(local)
        let sharedFingerprints = Set(shared.accounts.map(\.certificateFingerprint))
        #expect(Set(shared.accounts).isSubset(of: Set(merged.accounts)))
        #expect(
            Set(merged.accounts)
                == Set(shared.accounts).union(
                    local.accounts.filter { !sharedFingerprints.contains($0.certificateFingerprint) }
                )
        )
        #expect(Set(merged.revoked) == Set(shared.revoked).union(local.revoked))
    }
}
