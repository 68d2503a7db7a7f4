import ArgumentParser
import Foundation
import LicitDaemon
import LicitExchange
import LicitPKI
import LicitServerCore
import X509

struct IdentityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract: "Issue, register, revoke and list the client certificates that reach accounts.",
        discussion: """
            An account is reached only through a certificate registered to it, by SHA-256 fingerprint.
            A running daemon applies changes to the accounts file within a second; revoking closes the
            certificate's open connections.
              licitd identity issue --data ./sandbox --name fr-signer2 --country FR --authority FR-ANSM --role signer
              licitd identity revoke --data ./sandbox --name fr-signer2
            """,
        subcommands: [Issue.self, Register.self, Revoke.self, List.self]
    )

    /// Where the accounts file and the CA are: a sandbox folder or a configuration file.
    struct Location: ParsableArguments {
        @Option(name: .long, help: "A sandbox folder.")
        var data: String?

        @Option(name: .long, help: "A daemon configuration file.")
        var config: String?

        func validate() throws {
            guard (self.data == nil) != (self.config == nil) else {
                throw ValidationError("give exactly one of --data DIR or --config FILE")
            }
        }

        var accountsFile: URL {
            get throws {
                if let data { return SandboxDirectory(root: URL(fileURLWithPath: data)).accountsFile }
                return URL(fileURLWithPath: try DaemonConfiguration.read(self.config!).accountsFile)
            }
        }

        var authority: CertificateAuthority {
            get throws {
                if let data { return try SandboxDirectory(root: URL(fileURLWithPath: data)).authority() }
                guard let authority = try DaemonConfiguration.read(self.config!).certificateAuthority() else {
                    throw ValidationFailure(
                        "the configuration has no ca_key; issue certificates where the CA key is kept"
                    )
                }
                return authority
            }
        }

        /// Keeps a sandbox's manifest in step with its accounts file.
        func accountsChanged(_ accounts: AccountsFile) throws {
            guard let data else { return }
            let sandbox = SandboxDirectory(root: URL(fileURLWithPath: data))
            let manifest = try sandbox.readManifest()
            try sandbox.writeManifest(host: manifest.host, port: manifest.port, accounts: accounts.accounts)
        }
    }

    struct AccountOptions: ParsableArguments {
        @Option(name: .long, help: "The account name, for example fr-signer.")
        var name: String

        @Option(name: .long, help: "ISO 3166-1 alpha-2 country code; omit for Board accounts.")
        var country = ""

        @Option(name: .long, help: "The competent national authority's code, or BOARD.")
        var authority: String

        @Option(name: .long, help: "board_admin, board_observer, country_admin, officer, signer or viewer.")
        var role: String

        func account(fingerprint: String) throws -> Account {
            guard let role = Role(rawValue: self.role) else {
                throw ValidationError(
                    "unknown role \(self.role); one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return Account(
                name: self.name,
                country: self.country.uppercased(),
                authority: self.authority,
                role: role,
                certificateFingerprint: fingerprint
            )
        }
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a certificate from the exchange's CA and register it to an account."
        )

        @OptionGroup var location: Location
        @OptionGroup var account: AccountOptions

        @Option(name: .long, help: "Where to write cert.pem and key.pem (default: the sandbox's identities/NAME).")
        var out: String?

        @Option(name: .long, help: "Days of validity.")
        var days = 397

        func run() throws {
            let identity = try self.location.authority.issueClientCertificate(
                commonName: self.account.name,
                notAfter: Date().addingTimeInterval(Double(self.days) * 86400)
            )
            let folder = try self.outputFolder()
            var accounts = try AccountsFile.read(try self.location.accountsFile)
            try accounts.register(try self.account.account(fingerprint: try identity.fingerprint.hex))
            try identity.write(to: folder)
            try accounts.write(try self.location.accountsFile)
            try self.location.accountsChanged(accounts)
            print("issued \(try identity.fingerprint) to \(self.account.name); identity in \(folder.path)")
        }

        private func outputFolder() throws -> URL {
            if let out { return URL(fileURLWithPath: out) }
            guard let data = self.location.data else { throw ValidationError("give --out DIR for the new identity") }
            return SandboxDirectory(root: URL(fileURLWithPath: data)).identityFolder(self.account.name)
        }
    }

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a certificate issued by the exchange's CA to an account."
        )

        @OptionGroup var location: Location
        @OptionGroup var account: AccountOptions

        @Option(name: .long, help: "The client certificate (PEM).")
        var cert: String

        func run() throws {
            let certificate = try Certificate(
                pemEncoded: try DaemonConfiguration.readText(self.cert, what: "certificate")
            )
            let verifier = ClientCertificateVerifier(authority: try self.location.authority.certificate)
            let fingerprint = try verifier.verify(chain: [try certificate.derBytes], at: Date()).get().fingerprint
            var accounts = try AccountsFile.read(try self.location.accountsFile)
            try accounts.register(try self.account.account(fingerprint: fingerprint.hex))
            try accounts.write(try self.location.accountsFile)
            try self.location.accountsChanged(accounts)
            print("registered \(fingerprint) to \(self.account.name)")
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a certificate on the deny-list; a running daemon closes its connections."
        )

        @OptionGroup var location: Location

        @Option(name: .long, help: "Revoke every certificate of this account.")
        var name: String?

        @Option(name: .long, help: "Revoke the certificate with this SHA-256 fingerprint.")
        var fingerprint: String?

        func run() throws {
            var accounts = try AccountsFile.read(try self.location.accountsFile)
            var targets: [String] = []
            if let name { targets += accounts.accounts.filter { $0.name == name }.map(\.certificateFingerprint) }
            if let fingerprint {
                guard let parsed = CertificateFingerprint(hex: fingerprint) else {
                    throw ValidationError("not a SHA-256 fingerprint: \(fingerprint)")
                }
                targets.append(parsed.hex)
            }
            guard !targets.isEmpty else {
                throw ValidationError("no certificate matches; give --name or --fingerprint")
            }
            accounts.revoked = Array(Set(accounts.revoked).union(targets)).sorted()
            try accounts.write(try self.location.accountsFile)
            for target in targets { print("revoked \(target)") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts and their certificates.")

        @OptionGroup var location: Location

        func run() throws {
            let accounts = try AccountsFile.read(try self.location.accountsFile)
            let revoked = Set(accounts.revoked)
            for account in accounts.accounts.sorted(by: { $0.name < $1.name }) {
                let state = revoked.contains(account.certificateFingerprint) ? "revoked" : "active"
                let columns = [
                    account.name, account.country.isEmpty ? "-" : account.country, account.authority,
                    account.role.rawValue, state, account.certificateFingerprint,
                ]
                print(columns.joined(separator: "\t"))
            }
        }
    }
}
