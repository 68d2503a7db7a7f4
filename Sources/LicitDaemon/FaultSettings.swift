import Foundation
import Logging

extension Sandbox {
    /// Which accounts of a sandbox meet which faults (`licitd sandbox --faults`, `--faults-for`).
    package struct FaultSettings: Sendable {
        /// Every account's profile unless `accounts` names it.
        package var everyone: FaultProfile
        package var accounts: [String: FaultProfile]
        package var seed: UInt64

        package init(everyone: FaultProfile = .none, accounts: [String: FaultProfile] = [:], seed: UInt64 = 1) {
            self.everyone = everyone
            self.accounts = accounts
            self.seed = seed
        }

        package var isNone: Bool { self.everyone.isNone && self.accounts.values.allSatisfy(\.isNone) }

        /// The injector, or `nil` when no account meets any fault. Refuses accounts the sandbox does
        /// not have.
        func injector(
            for manifest: SandboxManifest,
            in sandbox: SandboxDirectory,
            logger: Logger
        ) throws
            -> SandboxFaults?
        {
            let known = Set(manifest.accounts.map(\.name))
            if let unknown = self.accounts.keys.sorted().first(where: { !known.contains($0) }) {
                throw FaultProfile.Problem("--faults-for: the sandbox has no account \(unknown)")
            }
            guard !self.isNone else { return nil }
            let folder = sandbox.conformanceFolder
            logger.notice(
                "sandbox faults on",
                metadata: [
                    "everyone": "\(self.everyone.isNone ? "none" : "faulted")",
                    "accounts": "\(self.accounts.keys.sorted().joined(separator: ","))",
                    "seed": "\(self.seed)",
                    "journals": "\(folder.path)",
                ]
            )
            return try SandboxFaults(
                defaultProfile: self.everyone,
                profiles: self.accounts,
                seed: self.seed,
                journalFolder: folder
            )
        }
    }
}
